namespace Gantry.Architecture.Tests;

/// <summary>The house rules of docs/architecture.md, checked on the compiled assemblies.</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string> Assemblies() => new(AssemblyScanner.Layers);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Namespaces_OfEachProject_HaveNoImportLoop(string assembly)
    {
        var graph = AssemblyScanner.NamespaceGraph(assembly);
        Assert.True(graph.Nodes.Count() > 1, $"{assembly}: no namespaces found; is the assembly beside the tests?");
        var loops = graph.Loops();
        Assert.True(loops.Count == 0, $"{assembly} has import loops between folders: "
            + string.Join("; ", loops.Select(l => string.Join(" <-> ", l))));
    }

    [Fact]
    public void Projects_DependOnlyOnEarlierLayers()
    {
        var graph = AssemblyScanner.AssemblyGraph();
        Assert.Empty(graph.UpwardEdges(AssemblyScanner.Layers));
        Assert.Empty(graph.Loops());
    }

    [Fact]
    public void Projects_ReferenceTheLayerBelow()
    {
        // Guards the scanner itself: if references were not read, the layering test above would pass vacuously.
        var graph = AssemblyScanner.AssemblyGraph();
        Assert.Contains("Gantry.Tensors", graph.Targets("Gantry.Models"));
        Assert.Contains("Gantry.Models", graph.Targets("Gantry.Engine"));
        Assert.Contains("Gantry.Server", graph.Targets("gantry"));
    }

    [Fact]
    public void NamespaceGraph_Engine_SeesKnownUses()
    {
        // Guards the scanner: the engine core drives the scheduler, so that edge must be found.
        var graph = AssemblyScanner.NamespaceGraph("Gantry.Engine");
        Assert.Contains("Gantry.Engine.Scheduling", graph.Targets("Gantry.Engine.Core"));
    }
}
