/* Functions the article table's options name as strings. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* CSV cells a spreadsheet would run as a formula get a leading quote (CSV injection). */
dagfuncs.csvSafeCell = function (params) {
  var value = params.value == null ? "" : String(params.value);
  return /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
};
