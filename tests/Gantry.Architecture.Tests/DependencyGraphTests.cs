namespace Gantry.Architecture.Tests;

/// <summary>The checks themselves, on tiny synthetic graphs: they must find a loop and an upward edge when there is one.</summary>
public sealed class DependencyGraphTests
{
    [Fact]
    public void Loops_ThreeNodeCycle_FoundOnceSorted()
    {
        var g = new DependencyGraph();
        g.AddEdge("App.C", "App.A");
        g.AddEdge("App.A", "App.B");
        g.AddEdge("App.B", "App.C");
        g.AddEdge("App.C", "App.D");
        var loop = Assert.Single(g.Loops());
        Assert.Equal(["App.A", "App.B", "App.C"], loop);
    }

    [Fact]
    public void Loops_TwoSeparateCycles_BothFound()
    {
        var g = new DependencyGraph();
        g.AddEdge("A", "B");
        g.AddEdge("B", "A");
        g.AddEdge("C", "D");
        g.AddEdge("D", "C");
        g.AddEdge("B", "C");
        Assert.Equal(2, g.Loops().Count);
    }

    [Fact]
    public void Loops_DiamondWithoutCycle_None()
    {
        var g = new DependencyGraph();
        g.AddEdge("A", "B");
        g.AddEdge("A", "C");
        g.AddEdge("B", "D");
        g.AddEdge("C", "D");
        g.AddEdge("D", "D"); // a folder using itself is no loop
        Assert.Empty(g.Loops());
    }

    [Fact]
    public void UpwardEdges_LowerLayerUsesHigher_Reported()
    {
        var g = new DependencyGraph();
        g.AddEdge("Models", "Tensors");
        g.AddEdge("Tensors", "Engine");
        Assert.Equal(["Tensors -> Engine"], g.UpwardEdges(["Tensors", "Models", "Engine"]));
    }

    [Fact]
    public void UpwardEdges_OnlyDownward_None()
    {
        var g = new DependencyGraph();
        g.AddEdge("Engine", "Models");
        g.AddEdge("Engine", "Tensors");
        g.AddEdge("Models", "Tensors");
        Assert.Empty(g.UpwardEdges(["Tensors", "Models", "Engine"]));
    }

    [Theory]
    [InlineData("Gantry.Engine", "Gantry.Engine.Core", true)]
    [InlineData("Gantry.Models", "Gantry.Models.Architectures.Llama", true)]
    [InlineData("Gantry.Engine.Core", "Gantry.Engine", false)]
    [InlineData("Gantry.Engine.Co", "Gantry.Engine.Core", false)]
    [InlineData("Gantry.Engine", "Gantry.Engine", false)]
    public void IsAncestor_EnclosingNamespaceOnly(string ancestor, string ns, bool expected) =>
        Assert.Equal(expected, AssemblyScanner.IsAncestor(ancestor, ns));
}
