/** A labelled file picker for one YAML file; hands its text on (the same file can be picked again). */
export function YamlFileInput({
  label,
  onText,
}: {
  label: string;
  onText: (text: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="file"
        accept=".yaml,.yml,text/yaml"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void file.text().then(onText);
        }}
      />
    </label>
  );
}
