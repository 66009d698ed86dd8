// Tables marked .stack-table are laid out as stacked rows on a narrow screen (quorum.css).
// Some browsers (Safari) stop announcing a table as a table once its cells are no longer
// displayed as cells: the roles are written out so that it stays one, whatever the layout.
(function () {
  "use strict";
  var ROLES = [
    ["thead, tbody, tfoot", "rowgroup"],
    ["tr", "row"],
    ["th[scope=col]", "columnheader"],
    ["th[scope=row]", "rowheader"],
    ["td", "cell"],
  ];
  document.querySelectorAll("table.stack-table").forEach(function (table) {
    table.setAttribute("role", "table");
    ROLES.forEach(function (pair) {
      table.querySelectorAll(pair[0]).forEach(function (element) {
        if (!element.hasAttribute("role")) {
          element.setAttribute("role", pair[1]);
        }
      });
    });
  });
})();
