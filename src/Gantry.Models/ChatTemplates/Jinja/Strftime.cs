using System.Globalization;
using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// Python's <c>datetime.strftime</c> for a naive local time (what transformers' <c>strftime_now</c> formats): the C
/// locale's English names, <c>%Z</c>/<c>%z</c> empty, unknown directives kept as written (glibc's behaviour).
/// </summary>
internal static class Strftime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTime t, string format)
    {
        var sb = new StringBuilder(format.Length + 16);
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%' || i + 1 >= format.Length) { sb.Append(c); continue; }
            char d = format[++i];
            string day = Days[(int)t.DayOfWeek], month = Months[t.Month - 1];
            switch (d)
            {
                case 'a': sb.Append(day, 0, 3); break;
                case 'A': sb.Append(day); break;
                case 'b' or 'h': sb.Append(month, 0, 3); break;
                case 'B': sb.Append(month); break;
                case 'd': Two(sb, t.Day); break;
                case 'e': sb.Append(t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                case 'm': Two(sb, t.Month); break;
                case 'y': Two(sb, t.Year % 100); break;
                case 'Y': sb.Append(t.Year.ToString(CultureInfo.InvariantCulture)); break;
                case 'H': Two(sb, t.Hour); break;
                case 'I': Two(sb, t.Hour % 12 == 0 ? 12 : t.Hour % 12); break;
                case 'M': Two(sb, t.Minute); break;
                case 'S': Two(sb, t.Second); break;
                case 'f': sb.Append((t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("D6", CultureInfo.InvariantCulture)); break;
                case 'p': sb.Append(t.Hour < 12 ? "AM" : "PM"); break;
                case 'j': sb.Append(t.DayOfYear.ToString("D3", CultureInfo.InvariantCulture)); break;
                case 'w': sb.Append((int)t.DayOfWeek); break;
                case 'u': sb.Append(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek); break;
                case 'D': sb.Append(Format(t, "%m/%d/%y")); break;
                case 'F': sb.Append(Format(t, "%Y-%m-%d")); break;
                case 'T': sb.Append(Format(t, "%H:%M:%S")); break;
                case 'R': sb.Append(Format(t, "%H:%M")); break;
                case 'c': sb.Append(Format(t, "%a %b %e %H:%M:%S %Y")); break;
                case 'x': sb.Append(Format(t, "%m/%d/%y")); break;
                case 'X': sb.Append(Format(t, "%H:%M:%S")); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'Z' or 'z': break;
                case '%': sb.Append('%'); break;
                default: sb.Append('%').Append(d); break;
            }
        }
        return sb.ToString();
    }

    private static void Two(StringBuilder sb, int v) => sb.Append(v.ToString("D2", CultureInfo.InvariantCulture));
}
