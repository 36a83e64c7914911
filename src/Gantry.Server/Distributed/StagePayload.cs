namespace Gantry.Server.Distributed;

/// <summary>
/// One message between the leader and a pipeline stage: the first <see cref="Length"/> bytes of <see cref="Buffer"/>.
/// Activations travel as raw little-endian F32 inside it, never element by element; the buffer may be reused by its
/// sender once the call returns.
/// </summary>
public sealed class StagePayload(byte[] buffer, int length)
{
    public byte[] Buffer { get; } = buffer;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);
}
