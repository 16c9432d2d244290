// Report the first paint the way Opnamewijs does: after the frame that shows the page.
requestAnimationFrame(() => setTimeout(() => window.__TAURI_INTERNALS__.invoke("ready")));
