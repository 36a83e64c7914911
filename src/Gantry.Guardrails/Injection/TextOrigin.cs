namespace Gantry.Guardrails.Injection;

/// <summary>
/// Where a text sits in a prompt. Instructions from the user are expected; instructions inside content the user
/// hands over (a document to summarise, a tool's result, a retrieved web page) are the mark of indirect injection,
/// so content is judged more strictly (<c>GuardrailPolicy.ContentInjectionThreshold</c>).
/// </summary>
public enum TextOrigin
{
    /// <summary>A user or system turn: the text is meant to instruct the model.</summary>
    Instruction = 0,
    /// <summary>Data for the model to read, not to obey: a <c>tool</c> message, a document, a retrieved page.</summary>
    Content = 1,
}
