namespace Gantry.Engine;

/// <summary>Why a request stopped producing tokens.</summary>
public enum FinishReason
{
    /// <summary>End-of-generation token or a stop string.</summary>
    Stop,

    /// <summary>Reached max tokens or the context length.</summary>
    Length,

    /// <summary>The caller cancelled (or disconnected).</summary>
    Cancelled,

    /// <summary>The engine could not run the request (the message says why).</summary>
    Error,
}
