namespace Gantry.Models.ChatTemplates;

/// <summary>
/// A chat template that cannot be parsed or rendered: a syntax error, a runtime error (wrong types, a limit hit),
/// or the template's own <c>raise_exception(...)</c> (e.g. "roles must alternate"), which the server reports as a
/// bad request rather than a server fault.
/// </summary>
public sealed class ChatTemplateException : Exception
{
    public ChatTemplateException(string reason, int line = 0, int column = 0, bool raisedByTemplate = false)
        : base(line > 0 ? $"chat template, line {line}, column {column}: {reason}" : $"chat template: {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
        RaisedByTemplate = raisedByTemplate;
    }

    /// <summary>The message without the position prefix; for <see cref="RaisedByTemplate"/> the template's own text.</summary>
    public string Reason { get; }

    /// <summary>1-based line in the template source, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column in the template source, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>True when the template called <c>raise_exception</c>: the conversation, not the template, is at fault.</summary>
    public bool RaisedByTemplate { get; }
}
