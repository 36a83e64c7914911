using System.Runtime.CompilerServices;

// The step core (EngineCore) is internal; tests drive it step by step to control arrival order.
[assembly: InternalsVisibleTo("Gantry.Engine.Tests")]
