namespace Gantry.Models.Lora;

/// <summary>
/// A LoRA adapter file is malformed, or does not fit the base model it is applied to (another architecture, a tensor
/// the base lacks, a shape that differs). The message names the file's offending key or tensor; <see cref="Error"/>
/// says which kind of problem it is, for callers that map it (the server's error <c>code</c>).
/// </summary>
public sealed class LoraAdapterException : Exception
{
    public LoraAdapterException(string message) : this(LoraAdapterError.Invalid, message) { }

    public LoraAdapterException(string message, Exception inner) : this(LoraAdapterError.Invalid, message, inner) { }

    public LoraAdapterException(LoraAdapterError error, string message) : base(message) => Error = error;

    public LoraAdapterException(LoraAdapterError error, string message, Exception inner) : base(message, inner) => Error = error;

    public LoraAdapterError Error { get; }
}
