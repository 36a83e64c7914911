using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Engine.Tests;

/// <summary>stories260K loaded once for the engine tests (it is tiny: a forward pass takes well under a millisecond).</summary>
public sealed class EngineTestModel : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public EngineTestModel() => Model = ModelLoader.Load(SharedModels.Stories260K, _pool);

    public ILanguageModel Model { get; }

    public int[] Prompt(string text) => Model.Tokenizer.Encode(text, addSpecial: true, parseSpecial: false);

    public void Dispose()
    {
        Model.Dispose();
        _pool.Dispose();
    }
}
