/*
 * The rich-text editor of the admin, as the portal's staff use it: two django-prose-editor
 * extensions, loaded as a module through DJANGO_PROSE_EDITOR_EXTENSIONS (settings.py) and
 * switched on in core.html.RICH_TEXT_EXTENSIONS. No inline script: the CSP stays 'self'.
 *
 * TranslatedMenu: the editor's dialogs call gettext, so Django's JavaScript catalogue
 * (locale/vi/LC_MESSAGES/djangojs.po, served by the admin's jsi18n) translates them; its menu
 * bar writes many labels in English without it ("bold", "heading 2", "Insert table"). This
 * passes every tooltip, accessible name and option label of the menu bar through the same
 * catalogue, also those the editor puts there later (the block-type dropdown's current item).
 *
 * PictureUpload: the picture button asks for a file, what it shows and an optional caption,
 * uploads the file to the site (core.views.rich_text_image_upload: checked by content,
 * re-encoded without metadata, made small enough for phones) and inserts the figure with the
 * stored picture's address. Nobody copies addresses between pages. With a picture selected,
 * the button opens the editor's own dialog to change its description.
 */
import { crel, Extension, gettext } from "django-prose-editor/editor"

const HEADING = /^heading (\d)$/i

const translate = (text) => {
  const heading = HEADING.exec(text.trim())
  return heading ? gettext("Heading %s").replace("%s", heading[1]) : gettext(text)
}

const translateElement = (element) => {
  for (const name of ["title", "aria-label"]) {
    const value = element.getAttribute(name)
    const translated = value && translate(value)
    if (translated && translated !== value) element.setAttribute(name, translated)
  }
  // A label written as text, such as a dropdown's option; not the name of an icon
  // ("format_bold" is drawn by the icon font).
  if (
    element.children.length === 0 &&
    !element.classList.contains("material-icons") &&
    element.textContent.trim()
  ) {
    const translated = translate(element.textContent)
    if (translated !== element.textContent) element.textContent = translated
  }
}

const translateTree = (node) => {
  if (node.nodeType !== Node.ELEMENT_NODE) return
  translateElement(node)
  for (const element of node.querySelectorAll("*")) translateElement(element)
}

export const TranslatedMenu = Extension.create({
  name: "translatedMenu",
  // Last of all extensions, so the menu bar is built when this starts.
  priority: 1,

  addStorage() {
    return { observer: null }
  },

  onCreate() {
    const bar = this.editor.storage.menu?.dom
    if (!bar) return
    translateTree(bar)
    this.storage.observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "attributes") translateElement(record.target)
        else record.addedNodes.forEach(translateTree)
      }
    })
    this.storage.observer.observe(bar, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["title", "aria-label"],
    })
  },

  onDestroy() {
    this.storage.observer?.disconnect()
  },
})

let dialogCount = 0

const csrfToken = (editor) =>
  (
    editor.view.dom.closest("form")?.querySelector("[name=csrfmiddlewaretoken]") ||
    document.querySelector("[name=csrfmiddlewaretoken]")
  )?.value || ""

// A required field whose browser message is the site's, in the admin's language.
const requiredField = (input, message) => {
  input.required = true
  input.addEventListener("invalid", () => {
    input.setCustomValidity(input.validity.valueMissing ? message : "")
  })
  for (const event of ["input", "change"]) {
    input.addEventListener(event, () => input.setCustomValidity(""))
  }
  return input
}

const uploadFailed = (status) =>
  gettext("The picture could not be uploaded (error %s). Reload the page and try again.").replace(
    "%s",
    status,
  )

async function upload(url, editor, file, alt) {
  const body = new FormData()
  body.append("image", file)
  body.append("alt", alt)
  let response
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken(editor) },
    })
  } catch {
    throw new Error(gettext("No connection to the server. Check the network and try again."))
  }
  const answer = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(answer.error || uploadFailed(response.status))
  return answer
}

function choosePicture(editor, url) {
  const id = `picture-upload-${++dialogCount}`
  const field = (name, label, input) => {
    input.id = `${id}-${name}`
    input.name = name
    return crel("div", { className: "prose-editor-dialog-field" }, [
      crel("label", { htmlFor: input.id, textContent: label }),
      input,
    ])
  }
  // The browser's own file button speaks the browser's language: ours says what to do.
  const file = crel("input", {
    type: "file",
    accept: "image/jpeg,image/png,image/webp",
    className: "picture-upload-input",
    tabIndex: -1,
  })
  const choose = crel("button", { type: "button", textContent: gettext("Choose a picture…") })
  const chosen = crel("span", { textContent: gettext("No picture chosen yet") })
  choose.addEventListener("click", () => file.click())
  file.addEventListener("change", () => {
    chosen.textContent = file.files[0]?.name || gettext("No picture chosen yet")
  })
  const alt = requiredField(
    crel("input", { type: "text", maxLength: 200 }),
    gettext("Type what the picture shows, for readers who cannot see it."),
  )
  const caption = crel("input", { type: "text", maxLength: 300 })
  const message = crel("p", { role: "status" })
  const submit = crel("button", { type: "submit", textContent: gettext("Insert") })
  const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
  const form = crel("form", {}, [
    crel("h3", { className: "prose-editor-dialog-title", textContent: gettext("Insert picture") }),
    field("image", gettext("Picture (a JPEG, PNG or WebP photo)"), file),
    crel("div", { className: "picture-upload-choose" }, [choose, chosen]),
    field("alt", gettext("What does the picture show? (for readers who cannot see it)"), alt),
    field("caption", gettext("Caption under the picture (optional)"), caption),
    message,
    crel("div", { className: "prose-editor-dialog-buttons" }, [submit, cancel]),
  ])
  form.noValidate = true // checked on submit, the file first (its input is hidden)
  // In the page's body, not inside the admin's form: a form may not hold another.
  const dialog = crel("dialog", { className: "prose-editor-dialog" }, [form])
  document.body.append(dialog)
  dialog.addEventListener("close", () => dialog.remove())
  cancel.addEventListener("click", () => dialog.close())

  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    if (!file.files.length) {
      message.className = "errornote"
      message.textContent = gettext("Choose a picture: a JPEG, PNG or WebP photo.")
      choose.focus()
      return
    }
    if (!form.reportValidity()) return
    submit.disabled = true
    message.className = ""
    message.textContent = gettext("Uploading the picture…")
    try {
      const picture = await upload(url, editor, file.files[0], alt.value.trim())
      const content = [
        {
          type: "image",
          attrs: {
            src: picture.url,
            alt: picture.alt,
            width: picture.width,
            height: picture.height,
          },
        },
      ]
      const text = caption.value.trim()
      if (text) content.push({ type: "caption", content: [{ type: "text", text }] })
      dialog.close()
      editor.chain().focus().insertContent({ type: "figure", content }).run()
    } catch (error) {
      message.className = "errornote"
      message.textContent = error.message
      submit.disabled = false
    }
  })
  dialog.showModal()
}

const pictureSelected = (editor) => editor.isActive("figure") || editor.isActive("image")

export const PictureUpload = Extension.create({
  name: "pictureUpload",

  addOptions() {
    return { uploadUrl: null }
  },

  addMenuItems({ buttons, menu }) {
    const { uploadUrl } = this.options
    if (!uploadUrl || !this.editor.schema.nodes.figure) return
    const button = buttons.material("add_photo_alternate", gettext("Insert picture"))
    menu.defineItem({
      name: "figure", // in place of the editor's "insert a figure by its address"
      groups: "nodes",
      button,
      active: pictureSelected,
      enabled: (editor) => editor.can().insertFigure(),
      update(editor) {
        const label = pictureSelected(editor)
          ? gettext("Change the picture's description")
          : gettext("Insert picture")
        if (button.title !== label) {
          button.title = label
          button.setAttribute("aria-label", label)
        }
      },
      command(editor) {
        if (pictureSelected(editor)) editor.commands.editImage()
        else choosePicture(editor, uploadUrl)
      },
    })
  },
})
