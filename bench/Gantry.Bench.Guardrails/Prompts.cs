using System.Text;

namespace Gantry.Bench.Guardrails;

/// <summary>Typical chat prompts of a given size, built deterministically: a system prompt, a pasted document
/// (support ticket, code, meeting notes) with a little PII, and a question. No injection.</summary>
internal static class Prompts
{
    private static readonly string[] Paragraphs =
    [
        "You are a helpful assistant for Contoso Ltd. Answer concisely, cite the document when you can, and say when you do not know.",
        "Ticket #48213 from jane.doe@contoso.com: after upgrading to version 4.2.1 the export to CSV hangs at 99% for files over 200 MB. The customer is on plan Business, region eu-west, and can be reached at +44 20 7946 0958.",
        "def export(rows, path):\n    with open(path, 'w') as f:\n        for r in rows:\n            f.write(','.join(str(x) for x in r) + '\\n')\n    return len(rows)\n",
        "Meeting notes 2024-05-14: Priya will investigate the memory growth in the export worker; Tom will draft the release notes for 4.2.2; the rollout to the remaining 30% of tenants is postponed until the fix lands.",
        "Logs: 2024-05-14T10:02:11Z INFO worker=7 rows=1048576 elapsed=93.2s; 2024-05-14T10:03:45Z WARN worker=7 heap=3.9GB; 2024-05-14T10:03:46Z ERROR worker=7 timeout after 95s.",
        "The customer also asked whether the new retention policy applies to archived projects, and if the audit log can be exported in JSON instead of CSV for their compliance team.",
        "Please summarize the problem, propose two likely causes, and draft a short, friendly reply to the customer that does not promise a date.",
    ];

    public static string OfLength(int chars)
    {
        var sb = new StringBuilder(chars + 256);
        for (var i = 0; sb.Length < chars; i++) sb.Append(Paragraphs[i % Paragraphs.Length]).Append("\n\n");
        return sb.ToString(0, chars);
    }
}
