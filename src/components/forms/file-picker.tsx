/** A labelled picker for one file; the same file can be picked again right after. */
export function FilePicker({
  label,
  accept,
  onFile,
}: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="file"
        accept={accept}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}

export const YAML_FILES = '.yaml,.yml,text/yaml';
export const JSON_FILES = '.json,application/json';
