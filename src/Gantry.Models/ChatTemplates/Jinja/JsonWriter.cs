using System.Globalization;
using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it for chat templates: Python's <c>json.dumps(x, ensure_ascii=False,
/// indent=indent, separators=separators, sort_keys=sort_keys)</c>, so tool schemas render byte-for-byte as in Python
/// (<c>", "</c> and <c>": "</c> separators by default, non-ASCII kept, no HTML escaping).
/// </summary>
internal static class JsonWriter
{
    public static string Write(object? value, int? indent, string itemSeparator, string keySeparator, bool sortKeys)
    {
        var sb = new StringBuilder();
        if (indent is not null && itemSeparator == ", ") itemSeparator = ","; // Python drops the space when indenting
        Append(sb, value, indent, itemSeparator, keySeparator, sortKeys, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? v, int? indent, string itemSep, string keySep, bool sortKeys, int level)
    {
        if (level > 100) throw new ChatTemplateException("tojson: value nested too deeply");
        switch (v)
        {
            case null or Undefined: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long n: sb.Append(n.ToString(CultureInfo.InvariantCulture)); break;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : Values.FormatFloat(d));
                break;
            case string s: AppendString(sb, s); break;
            case List<object?> l:
                AppendContainer(sb, '[', ']', l.Count, indent, itemSep, level, i => Append(sb, l[i], indent, itemSep, keySep, sortKeys, level + 1));
                break;
            case OrderedDictionary<object, object?> d:
                var entries = d.ToList();
                if (sortKeys) entries.Sort((x, y) => Values.Compare(x.Key, y.Key) ?? 0);
                AppendContainer(sb, '{', '}', entries.Count, indent, itemSep, level, i =>
                {
                    var key = entries[i].Key;
                    AppendString(sb, key is string ks ? ks : Values.ToStr(key is bool kb ? (kb ? "true" : "false") : key));
                    sb.Append(keySep);
                    Append(sb, entries[i].Value, indent, itemSep, keySep, sortKeys, level + 1);
                });
                break;
            case Namespace ns:
                var dict = Values.NewDict();
                foreach (var (k, val) in ns.Attributes) dict[k] = val;
                Append(sb, dict, indent, itemSep, keySep, sortKeys, level);
                break;
            default:
                throw new ChatTemplateException($"tojson: object of type '{Values.TypeName(v)}' is not JSON serializable");
            case Markup m: AppendString(sb, m.Text); break;
        }
    }

    private static void AppendContainer(StringBuilder sb, char open, char close, int count, int? indent, string itemSep, int level, Action<int> item)
    {
        sb.Append(open);
        if (count == 0) { sb.Append(close); return; }
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(itemSep);
            if (indent is not null) sb.Append('\n').Append(' ', indent.Value * (level + 1));
            item(i);
        }
        if (indent is not null) sb.Append('\n').Append(' ', indent.Value * level);
        sb.Append(close);
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
