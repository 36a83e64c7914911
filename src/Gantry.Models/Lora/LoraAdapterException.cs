namespace Gantry.Models.Lora;

/// <summary>
/// A LoRA adapter file is malformed, or does not fit the base model it is applied to (another architecture, a tensor
/// the base lacks, a shape that differs). The message names the file's offending key or tensor.
/// </summary>
public sealed class LoraAdapterException : Exception
{
    public LoraAdapterException(string message) : base(message) { }

    public LoraAdapterException(string message, Exception inner) : base(message, inner) { }
}
