"use strict";
/* Shared helpers of the Brief Audio pages: JSON requests that turn problem+json into readable errors. */
const BriefAudio = (() => {
  async function request(method, url, body) {
    const options = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = data && (data.detail || data.title);
      const error = new Error(detail || `Request failed with status ${response.status}`);
      error.problem = data;
      throw error;
    }
    return data;
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  const LANGUAGES = { en: "English", es: "Spanish", fr: "French", de: "German", it: "Italian", pt: "Portuguese",
    pl: "Polish", tr: "Turkish", ru: "Russian", nl: "Dutch", cs: "Czech", ar: "Arabic", "zh-cn": "Chinese",
    ja: "Japanese", hu: "Hungarian", ko: "Korean", hi: "Hindi" };

  return { get: (url) => request("GET", url), post: (url, body) => request("POST", url, body), element, LANGUAGES };
})();
