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

/* Category as a coloured chip; colours come from dashboard/colors.py via cellRendererParams. */
dagcomponentfuncs.CategoryChip = function (props) {
  var label = props.value == null ? "" : String(props.value);
  var colors = (props.colDef.cellRendererParams || {}).colors || {};
  return React.createElement(
    "span",
    {
      className: "category-chip category-" + label.replace(/[^a-z0-9_-]/gi, ""),
      style: { backgroundColor: colors[label] || "#607d8b" },
    },
    label
  );
};
