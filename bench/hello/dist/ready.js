// The same start as Opnamewijs: the window starts hidden and is shown once the page is in place,
// then the first paint is reported after the frame that shows it.
const invoke = window.__TAURI_INTERNALS__.invoke;
const marks = { script: performance.now() };
invoke("shown").then(() => {
  marks.shown = performance.now();
  requestAnimationFrame(() =>
    setTimeout(() => {
      marks.painted = performance.now();
      invoke("ready", { marks: { ...marks, origin: performance.timeOrigin } });
    }),
  );
});
