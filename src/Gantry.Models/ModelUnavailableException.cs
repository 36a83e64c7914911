namespace Gantry.Models;

/// <summary>
/// A model whose parts run elsewhere (pipeline stages on other processes) could not run a step: a stage died, timed
/// out or lost its KV cache. The KV cache contents the engine believes in are no longer trustworthy, so the engine
/// ends every request that holds blocks and forgets its prefix cache; the model serves again once its stages answer.
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException(string message) : base(message) { }

    public ModelUnavailableException(string message, Exception inner) : base(message, inner) { }
}
