import { mount } from "svelte";
import App from "./App.svelte";
import { tauriBackend } from "./ipc";
import "./app.css";

const backend = tauriBackend();
const target = document.getElementById("app");
try {
  if (target) mount(App, { target, props: { backend } });
} finally {
  // The window starts hidden and App shows it once its first screen is in place; a page that could
  // not even be mounted shows it at once rather than waiting for the shell's fallback.
  if (!target?.hasChildNodes()) backend.firstScreen().catch(() => {});
}
