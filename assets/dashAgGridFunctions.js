/* Functions the article table's options name as strings. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* CSV cells a spreadsheet would run as a formula get a leading quote (CSV injection). */
dagfuncs.csvSafeCell = function (params) {
  var value = params.value == null ? "" : String(params.value);
  return /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
};

/* An ISO UTC time in the reader's own time zone and locale ("25 Nov, 21:05"); with the year
   when it is not this year ("12 Mar 2014, 04:49"), so old articles do not pass for new ones. */
dagfuncs.localTime = function (value) {
  if (!value) return "";
  var when = new Date(value);
  if (isNaN(when.getTime())) return String(value);
  var options = { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
  if (when.getFullYear() !== new Date().getFullYear()) options.year = "numeric";
  return when.toLocaleString(undefined, options);
};
