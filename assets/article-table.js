/* The article table (dashboard/pages/main/table_html.py): drawn from the server's HTML, with
   times in the reader's own zone, sorting and paging by its buttons, and a row chosen by a
   click or by Enter/Space opening the detail panel (one tab stop, moved by the arrow keys). The server escapes every value. */
(function () {
  /* An ISO UTC time in the reader's own time zone and locale ("25 Nov, 21:05"); with the year
     when it is not this year ("12 Mar 2014, 04:49"), so old articles do not pass for new ones.
     The two formats are made once (a new one per cell cost ~35 ms per page). */
  var formats = {};

  function timeFormat(withYear) {
    var key = withYear ? "year" : "plain";
    if (!formats[key]) {
      var options = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
      if (withYear) options.year = "numeric";
      formats[key] = new Intl.DateTimeFormat(undefined, options);
    }
    return formats[key];
  }

  function localTime(value) {
    if (!value) return "";
    var when = new Date(value);
    if (isNaN(when.getTime())) return String(value);
    return timeFormat(when.getFullYear() !== new Date().getFullYear()).format(when);
  }

  var expected = null;

  /* The listing asked of the server last: an older answer arriving late is not drawn. */
  function expect(key) {
    expected = key;
  }

  function show(key, markup) {
    if (key === "first") {
      expected = null;
    } else if (key !== expected) {
      return;
    }
    var box = document.getElementById("articles");
    if (!box) return;
    box.innerHTML = markup;
    var times = box.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      times[i].textContent = localTime(times[i].getAttribute("datetime"));
    }
  }

  function setProps(id, data) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props(id, { data: data });
    }
  }

  function choose(row) {
    var box = row.closest("tbody");
    var marked = box ? box.querySelectorAll("tr.table-active") : [];
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("table-active");
    row.classList.add("table-active");
    var stops = box ? box.querySelectorAll("tr[tabindex='0']") : [];
    for (var j = 0; j < stops.length; j++) stops[j].setAttribute("tabindex", "-1");
    row.setAttribute("tabindex", "0");
    setProps("article-chosen", {
      id: Number(row.getAttribute("data-id")),
      paper: row.getAttribute("data-paper") || "",
      at: Date.now(),
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest || !target.closest("#articles")) return;
    var table = document.querySelector("#articles table");
    var sort = target.closest("button[data-sort]");
    if (sort) {
      setProps("table-state", {
        sort: sort.getAttribute("data-sort"),
        desc: sort.getAttribute("data-desc") === "true",
        page: 0,
      });
      return;
    }
    var pager = target.closest("button[data-page]");
    if (pager && table) {
      setProps("table-state", {
        sort: table.getAttribute("data-sort"),
        desc: table.getAttribute("data-desc") === "true",
        page: Number(pager.getAttribute("data-page")),
      });
      return;
    }
    if (target.closest("a")) return; /* the title link opens the article itself */
    var row = target.closest("tr[data-id]");
    if (row) choose(row);
  });

  /* The rows share one tab stop (the server gives it to the first row); the arrow keys, Home
     and End move it, as in a grid, and Enter or Space opens the row's detail. */
  function moveStop(row, next) {
    if (!next) return;
    row.setAttribute("tabindex", "-1");
    next.setAttribute("tabindex", "0");
    next.focus();
  }

  document.addEventListener("keydown", function (event) {
    var row = event.target;
    if (!row.matches || !row.matches("#articles tr[data-id]")) return;
    var rows = row.parentElement ? row.parentElement.querySelectorAll("tr[data-id]") : [];
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose(row);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      moveStop(row, row.nextElementSibling);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      moveStop(row, row.previousElementSibling);
    } else if (event.key === "Home" && rows.length) {
      event.preventDefault();
      moveStop(row, rows[0]);
    } else if (event.key === "End" && rows.length) {
      event.preventDefault();
      moveStop(row, rows[rows.length - 1]);
    }
  });

  window.articleTable = { show: show, expect: expect, localTime: localTime };
})();
