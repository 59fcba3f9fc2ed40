import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App, editorPage } from "./app/App.js";
import { exposeSessionsForTests } from "./features/access/testHandle.js";
import "./styles/base.css";
import "./styles/editor.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

exposeSessionsForTests();
// A framework's address: its code is asked for now, while React starts (framework.html has
// already asked the browser to fetch it)
if (/^\/f\/[^/]+\/?$/.test(window.location.pathname)) void editorPage.preload().catch(() => {});

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
