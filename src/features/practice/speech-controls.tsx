import { useEffect, useRef, useState } from 'react';
import { useT, type MessageKey } from '../../components/i18n/use-t';

interface RecognitionResultEvent {
  results: ArrayLike<ArrayLike<{ transcript: string }>>;
}

interface RecognitionErrorEvent {
  error?: string;
}

interface Recognition {
  lang: string;
  interimResults: boolean;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onend: (() => void) | null;
  onerror: ((event: RecognitionErrorEvent) => void) | null;
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

/** Set once the trainee has been told this browser has no voice input: it is said once, not every visit. */
const VOICE_NOTICE_KEY = 'servicedojo.voiceInputNotice';

function noticeSeen(): boolean {
  try {
    return globalThis.localStorage?.getItem(VOICE_NOTICE_KEY) !== null;
  } catch {
    return false;
  }
}

function markNoticeSeen(): void {
  try {
    globalThis.localStorage?.setItem(VOICE_NOTICE_KEY, '1');
  } catch {
    // Storage blocked: the note may show again next time, which is harmless.
  }
}

/** The message for a SpeechRecognition error code (Web Speech API `error`). */
function failureKey(code: string | undefined): MessageKey {
  switch (code) {
    case 'not-allowed':
    case 'service-not-allowed':
      return 'practice.speech.denied';
    case 'no-speech':
      return 'practice.speech.noSpeech';
    case 'audio-capture':
      return 'practice.speech.noMicrophone';
    case 'network':
      return 'practice.speech.network';
    default:
      return 'practice.speech.failed';
  }
}

function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window;
}

/**
 * Reading the customer's lines aloud and voice input, each shown only where the browser has it;
 * without `onHeard` (choice mode: nothing to type into) there is no voice input at all.
 */
export function SpeechControls({
  line,
  onHeard,
}: {
  line: string;
  onHeard?: (text: string) => void;
}) {
  const t = useT();
  const [readAloud, setReadAloud] = useState(false);
  const [listening, setListening] = useState(false);
  const [failure, setFailure] = useState<MessageKey>();
  const recognition = useRef<Recognition | null>(null);
  const Recognizer =
    typeof window === 'undefined' || !onHeard ? undefined : recognitionConstructor();
  const speakable = canSpeak();
  // Without SpeechRecognition the button is hidden; the first visit says why, once.
  const [showMissing, setShowMissing] = useState(
    () => onHeard !== undefined && !Recognizer && !noticeSeen(),
  );
  useEffect(() => {
    if (showMissing) markNoticeSeen();
  }, [showMissing]);

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
      if (heard) onHeard?.(heard);
    };
    recognizer.onend = () => setListening(false);
    recognizer.onerror = (event) => {
      setListening(false);
      // "aborted" is the trainee pressing the button again, not a failure.
      if (event.error !== 'aborted') setFailure(failureKey(event.error));
    };
    recognition.current = recognizer;
    setFailure(undefined);
    try {
      recognizer.start();
      setListening(true);
    } catch {
      setFailure('practice.speech.failed');
    }
  }

  if (!speakable && !Recognizer && !showMissing) return null;
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
      {failure && (
        <p role="alert" className="speech-note">
          {t(failure)}
        </p>
      )}
      {showMissing && (
        <p className="speech-note">
          {t('practice.speech.unsupported')}{' '}
          <button type="button" onClick={() => setShowMissing(false)}>
            {t('practice.speech.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
