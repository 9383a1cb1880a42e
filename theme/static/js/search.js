// The search page's script, the only one of the site: Pagefind's API, results in the page's language.
const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");

function say(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
}

function resultItem(data) {
  const item = document.createElement("li");
  const title = document.createElement("a");
  title.href = data.url;
  title.textContent = data.meta.title || data.url;
  const heading = document.createElement("h2");
  heading.append(title);
  const facts = document.createElement("p");
  facts.className = "result-meta";
  facts.textContent = [data.meta.date, data.meta.topics].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is our own indexed text with <mark> around the matches.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, facts, excerpt);
  return item;
}

async function search(pagefind, query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  const template = results.length ? form.dataset.found : form.dataset.none;
  status.textContent = say(template, { num: results.length, query });
  list.append(...results.map(resultItem));
}

// Pagefind (its script, WebAssembly and index) loads on the first sign of a search, not with the page.
let loading;
function loadPagefind() {
  loading ??= import(`${form.dataset.pagefind}pagefind.js`).then(async (pagefind) => {
    await pagefind.init();
    return pagefind;
  });
  return loading;
}

async function run(query) {
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch (error) {
    status.textContent = form.dataset.error;
    return;
  }
  await search(pagefind, query);
}

function start() {
  input.addEventListener("focus", () => loadPagefind().catch(() => {}), { once: true });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
}

start();
