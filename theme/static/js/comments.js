// A post page's comment form: sends the comment as JSON to Isso (which refuses form posts) and
// tells the reader it waits for moderation. Every text comes from the page, in its language.
const form = document.getElementById("comment-form");

function say(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
}

function fieldValue(name) {
  const field = form.elements.namedItem(name);
  const value = field ? field.value.trim() : "";
  return value === "" ? null : value;
}

async function send(event) {
  event.preventDefault();
  const status = form.querySelector(".comment-status");
  const button = form.querySelector('button[type="submit"]');
  const notification = form.elements.namedItem("notification");
  const comment = {
    text: form.elements.namedItem("text").value,
    author: fieldValue("author"),
    email: fieldValue("email"),
    website: fieldValue("website"),
    title: form.dataset.title,
    notification: notification && notification.checked ? 1 : 0,
    parent: form.dataset.parent ? Number(form.dataset.parent) : null,
  };
  button.disabled = true;
  status.textContent = form.dataset.sending;
  try {
    const response = await fetch(`${form.dataset.endpoint}new?uri=${encodeURIComponent(form.dataset.uri)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(comment),
      credentials: "omit",
    });
    if (response.status === 202 || response.status === 201) {
      status.textContent = response.status === 202 ? form.dataset.waiting : form.dataset.published;
      form.reset();
      replyTo(null);
    } else {
      // Isso explains a refusal in the paragraph of its error page ("ratelimit exceeded", "text is too long").
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const reason = (page.querySelector("p") || page.body).textContent.trim().slice(0, 160);
      status.textContent = say(form.dataset.failed, { reason: reason || String(response.status) });
    }
  } catch (error) {
    status.textContent = say(form.dataset.failed, { reason: error.message });
  } finally {
    button.disabled = false;
  }
}

// A reply names its comment (Isso keeps one level of replies); the form stays where it is.
function replyTo(button) {
  const replying = form.querySelector(".comment-replying");
  if (!button) {
    delete form.dataset.parent;
    replying.hidden = true;
    return;
  }
  const author = button.closest("article").querySelector(".comment-author");
  form.dataset.parent = button.dataset.parent;
  replying.querySelector("span").textContent = say(form.dataset.replying, {
    name: author ? author.textContent.trim() : form.dataset.anonymous,
  });
  replying.hidden = false;
  form.elements.namedItem("text").focus();
}

if (form) {
  form.hidden = false;
  form.addEventListener("submit", send);
  form.querySelector(".comment-reply-cancel").addEventListener("click", () => replyTo(null));
  for (const button of document.querySelectorAll(".comment-reply[data-parent]")) {
    button.hidden = false;
    button.addEventListener("click", () => replyTo(button));
  }
}
