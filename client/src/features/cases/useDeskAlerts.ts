import { useCallback, useEffect, useState } from "react";

/** The person's choice, remembered in this browser (opt-in: both are off until switched on). */
const SOUND_KEY = "bianmin.desk.sound";
const NOTIFY_KEY = "bianmin.desk.notify";

function remembered(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === "on";
  } catch {
    return false;
  }
}

function remember(key: string, on: boolean): void {
  try {
    window.localStorage.setItem(key, on ? "on" : "off");
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

const notifications = () => (typeof window !== "undefined" && "Notification" in window ? window.Notification : undefined);

/** One audio context per tab; browsers start it only after a click or key press on the page. */
let audio: AudioContext | undefined;
function audioContext(): AudioContext | undefined {
  if (!audio && typeof window !== "undefined" && "AudioContext" in window) audio = new AudioContext();
  return audio;
}

/** Two short tones (Web Audio), quiet enough for a hall. */
function beep(): void {
  const ctx = audioContext();
  if (!ctx) return;
  void ctx.resume();
  [0, 0.25].forEach((offset, i) => {
    const start = ctx.currentTime + offset;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.frequency.value = i === 0 ? 880 : 1175;
    gain.gain.setValueAtTime(0.15, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + 0.2);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.22);
  });
}

export type NotifyProblem = "denied" | "unsupported" | undefined;

/**
 * The desk's alerts for a new case: a tone (Web Audio) and/or a desktop notification (Notification
 * API). Both are opt-in and remembered; the notification asks the browser's permission when switched on.
 */
export function useDeskAlerts() {
  const [sound, setSoundState] = useState(() => remembered(SOUND_KEY));
  const [notify, setNotifyState] = useState(() => remembered(NOTIFY_KEY) && notifications()?.permission === "granted");
  const [problem, setProblem] = useState<NotifyProblem>();

  // After a reload the tone may only start once the person touched the page (autoplay rules).
  useEffect(() => {
    if (!sound) return;
    const wake = () => void audioContext()?.resume();
    window.addEventListener("pointerdown", wake, { once: true });
    window.addEventListener("keydown", wake, { once: true });
    return () => {
      window.removeEventListener("pointerdown", wake);
      window.removeEventListener("keydown", wake);
    };
  }, [sound]);

  const setSound = useCallback((on: boolean) => {
    remember(SOUND_KEY, on);
    setSoundState(on);
    if (on) beep(); // a click started it: the browser lets it sound, and the person hears what it will be
  }, []);

  const setNotify = useCallback(async (on: boolean) => {
    setProblem(undefined);
    const api = notifications();
    if (on) {
      if (!api) return setProblem("unsupported");
      const permission = api.permission === "granted" ? "granted" : await api.requestPermission();
      if (permission !== "granted") return setProblem("denied");
    }
    remember(NOTIFY_KEY, on);
    setNotifyState(on);
  }, []);

  const alert = useCallback(
    (title: string, body: string) => {
      if (sound) beep();
      const api = notifications();
      if (notify && api?.permission === "granted") new api(title, { body, tag: "bianmin-immediate-desk" });
    },
    [sound, notify],
  );

  return { sound, setSound, notify, setNotify, problem, alert };
}
