/* Cell renderers for the article table. Values are rendered as text nodes, never as HTML. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

function isWebLink(href) {
  try {
    var protocol = new URL(href).protocol;
    return protocol === "http:" || protocol === "https:";
  } catch (e) {
    return false;
  }
}

/* Title linking to the article in a new tab; `link` is set server-side only for http(s). */
dagcomponentfuncs.ArticleLink = function (props) {
  var text = props.value == null ? "" : String(props.value);
  var href = props.data && props.data.link;
  if (!href || !isWebLink(href)) {
    return React.createElement("span", null, text);
  }
  return React.createElement(
    "a",
    { href: href, target: "_blank", rel: "noopener noreferrer", className: "article-link" },
    text
  );
};

var TRUST_DOTS = { high: "\u25cf\u25cf\u25cf", medium: "\u25cf\u25cf\u25cb", low: "\u25cf\u25cb\u25cb" };

/* Category as a coloured chip (colours from dashboard/colors.py), then a compact trust cue. */
dagcomponentfuncs.CategoryChip = function (props) {
  var label = props.value == null ? "" : String(props.value);
  var colors = (props.colDef.cellRendererParams || {}).colors || {};
  var data = props.data || {};
  var chip = React.createElement(
    "span",
    {
      className: "category-chip category-" + label.replace(/[^a-z0-9_-]/gi, ""),
      style: { backgroundColor: colors[label] || "#607d8b" },
    },
    label
  );
  var level = TRUST_DOTS[data.trust] ? data.trust : null;
  if (!level) return chip;
  var note = "Trust: " + level + " (" + String(data.trust_note || "") + ")";
  var cue = React.createElement(
    "span",
    { className: "trust trust-" + level, title: note, "aria-label": note, role: "img" },
    TRUST_DOTS[level]
  );
  return React.createElement("span", null, chip, " ", cue);
};
