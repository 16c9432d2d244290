import { mount } from "svelte";
import App from "./App.svelte";
import { tauriBackend } from "./ipc";
import "./app.css";

const backend = tauriBackend();
const target = document.getElementById("app");
// The window starts hidden and App shows it once its first screen is in place. A page that cannot
// be mounted shows it at once, rather than waiting for the shell's fallback.
try {
  if (!target) throw new Error("no #app element");
  mount(App, { target, props: { backend } });
} catch (err) {
  backend.firstScreen().catch(() => {});
  throw err;
}
