import { useEffect, useRef, useState } from 'react';
import { useT } from '../../components/i18n/use-t';

interface RecognitionResultEvent {
  results: ArrayLike<ArrayLike<{ transcript: string }>>;
}

interface Recognition {
  lang: string;
  interimResults: boolean;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start: () => void;
  stop: () => void;
}

type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | undefined {
  const scope = window as unknown as {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition;
}

function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window;
}

/** Reading the customer's lines aloud and voice input, each shown only where the browser has it. */
export function SpeechControls({
  line,
  onHeard,
}: {
  line: string;
  onHeard: (text: string) => void;
}) {
  const t = useT();
  const [readAloud, setReadAloud] = useState(false);
  const [listening, setListening] = useState(false);
  const recognition = useRef<Recognition | null>(null);
  const Recognizer = typeof window === 'undefined' ? undefined : recognitionConstructor();
  const speakable = canSpeak();

  useEffect(() => {
    if (!readAloud || !speakable || line === '') return;
    const utterance = new SpeechSynthesisUtterance(line);
    utterance.lang = 'zh-CN';
    const voice = window.speechSynthesis.getVoices().find((v) => v.lang.startsWith('zh'));
    if (voice) utterance.voice = voice;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    return () => window.speechSynthesis.cancel();
  }, [line, readAloud, speakable]);

  useEffect(() => () => recognition.current?.stop(), []);

  function listen() {
    if (!Recognizer) return;
    if (listening) {
      recognition.current?.stop();
      return;
    }
    const recognizer = new Recognizer();
    recognizer.lang = 'zh-CN';
    recognizer.interimResults = false;
    recognizer.onresult = (event) => {
      const heard = Array.from(event.results)
        .map((result) => result[0]?.transcript ?? '')
        .join('');
      if (heard) onHeard(heard);
    };
    recognizer.onend = () => setListening(false);
    recognizer.onerror = () => setListening(false);
    recognition.current = recognizer;
    setListening(true);
    recognizer.start();
  }

  if (!speakable && !Recognizer) return null;
  return (
    <div className="speech-controls">
      {speakable && (
        <label>
          <input
            type="checkbox"
            checked={readAloud}
            onChange={(event) => setReadAloud(event.target.checked)}
          />
          {t('practice.speech.read')}
        </label>
      )}
      {Recognizer && (
        <button type="button" aria-pressed={listening} onClick={listen}>
          {listening ? t('practice.speech.listening') : t('practice.speech.listen')}
        </button>
      )}
    </div>
  );
}
