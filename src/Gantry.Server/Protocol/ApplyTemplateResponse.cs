namespace Gantry.Server.Protocol;

/// <summary>The <c>/apply-template</c> answer (llama.cpp's shape): the chat template's rendered prompt.</summary>
internal sealed record ApplyTemplateResponse(string Prompt);
