package dev.flywheel.fission;


import java.util.List;

/** The results as CSV: a funnel block, an employee block, a day block (RFC 4180 quoting). */
final class ResultsCsv {
  private ResultsCsv() {}

  static String write(Results.Funnel f, List<Results.EmployeeRow> employees, List<Results.DayRow> days) {
    StringBuilder out = new StringBuilder();
    out.append("section,employees_participating,customers_participating,customers_completed,new_customers,redeemed\r\n");
    out.append("funnel,").append(f.employeesParticipating()).append(',').append(f.customersParticipating()).append(',')
        .append(f.customersCompleted()).append(',').append(f.newCustomers()).append(',').append(f.redeemed()).append("\r\n");
    out.append("section,user_id,name,org_unit,customers,completed,new_customers,redeemed\r\n");
    for (Results.EmployeeRow e : employees) {
      out.append("employee,").append(e.userId()).append(',').append(quote(e.name())).append(',')
          .append(quote(e.orgUnit())).append(',').append(e.customers()).append(',').append(e.completed()).append(',')
          .append(e.newCustomers()).append(',').append(e.redeemed()).append("\r\n");
    }
    out.append("section,day,tasks_started,helps,completed,new_customers\r\n");
    for (Results.DayRow d : days) {
      out.append("day,").append(d.day()).append(',').append(d.tasksStarted()).append(',').append(d.helps()).append(',')
          .append(d.completed()).append(',').append(d.newCustomers()).append("\r\n");
    }
    return out.toString();
  }

  static String quote(String s) {
    String v = s == null ? "" : s;
    // a leading = + - @ would run as a formula in a spreadsheet
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
