import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app/App.js";
import { exposeSessionsForTests } from "./features/access/testHandle.js";
import "./styles/base.css";
import "./styles/editor.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

exposeSessionsForTests();

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
