using System.Runtime.CompilerServices;

// Tests build tokenizers from hand-made arrays through the internal constructors.
[assembly: InternalsVisibleTo("Gantry.Models.Tests")]
[assembly: InternalsVisibleTo("Gantry.Oracle.Tests")]
