/* Functions the article table's options name as strings. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* CSV cells a spreadsheet would run as a formula get a leading quote (CSV injection). */
dagfuncs.csvSafeCell = function (params) {
  var value = params.value == null ? "" : String(params.value);
  return /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
};

/* An ISO UTC time in the reader's own time zone and locale ("25 Nov, 21:05"); with the year
   when it is not this year ("12 Mar 2014, 04:49"), so old articles do not pass for new ones.
   The two formats are made once: a new one per cell (toLocaleString) cost ~35 ms per block. */
var TIME_FORMATS = {};

function timeFormat(withYear) {
  var key = withYear ? "year" : "plain";
  if (!TIME_FORMATS[key]) {
    var options = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
    if (withYear) options.year = "numeric";
    TIME_FORMATS[key] = new Intl.DateTimeFormat(undefined, options);
  }
  return TIME_FORMATS[key];
}

dagfuncs.localTime = function (value) {
  if (!value) return "";
  var when = new Date(value);
  if (isNaN(when.getTime())) return String(value);
  return timeFormat(when.getFullYear() !== new Date().getFullYear()).format(when);
};
