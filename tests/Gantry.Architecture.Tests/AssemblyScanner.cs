using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Gantry.Architecture.Tests;

/// <summary>
/// Reads a compiled assembly with Mono.Cecil (without loading it) and records which namespaces each namespace uses:
/// through base types, interfaces, attributes, fields, properties, events, signatures, generic arguments and every type,
/// field and method an IL instruction names. A nested or compiler-generated type counts as its outermost type's namespace,
/// so a lambda's closure belongs to the folder of the code that wrote it. Uses of an enclosing namespace are not
/// edges (<see cref="IsAncestor"/>).
/// </summary>
public static class AssemblyScanner
{
    /// <summary>The product's assemblies, lowest layer first; <c>gantry</c> is the CLI.</summary>
    public static readonly IReadOnlyList<string> Layers =
        ["Gantry.Tensors", "Gantry.Models", "Gantry.Engine", "Gantry.Guardrails", "Gantry.Security", "Gantry.Server", "Gantry.Gateway", "gantry"];

    public static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    /// <summary>Namespace → namespace uses inside one assembly (uses of other assemblies are left out).</summary>
    public static DependencyGraph NamespaceGraph(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(PathOf(assembly));
        var graph = new DependencyGraph();
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from.Length == 0) continue; // <Module> and other global-namespace compiler artifacts
            graph.AddNode(from);
            foreach (var used in UsedTypes(type))
            {
                if (used.Scope != module) continue; // another assembly: the layering rule's business
                var to = NamespaceOf(used);
                if (to.Length > 0 && !IsAncestor(to, from)) graph.AddEdge(from, to);
            }
        }
        return graph;
    }

    /// <summary>
    /// True when <paramref name="ancestor"/> encloses <paramref name="ns"/> (<c>Gantry.Engine</c> encloses
    /// <c>Gantry.Engine.Core</c>). C# puts enclosing namespaces in scope without a <c>using</c>, and a project's root
    /// holds the vocabulary all its folders share (<c>Sequence</c>, <c>ModelFormatException</c>), so a use of an
    /// enclosing namespace is not an edge; this is the rule <c>arch_check.py</c> applies to <c>using</c> lines.
    /// </summary>
    public static bool IsAncestor(string ancestor, string ns) =>
        ns.Length > ancestor.Length && ns.StartsWith(ancestor, StringComparison.Ordinal) && ns[ancestor.Length] == '.';

    /// <summary>Assembly → product assemblies it references (the compiler keeps only references that are used).</summary>
    public static DependencyGraph AssemblyGraph()
    {
        var graph = new DependencyGraph();
        foreach (var name in Layers)
        {
            using var module = ModuleDefinition.ReadModule(PathOf(name));
            graph.AddNode(name);
            foreach (var r in module.AssemblyReferences.Where(r => Layers.Contains(r.Name)))
                graph.AddEdge(name, r.Name);
        }
        return graph;
    }

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null: return;
                case GenericInstanceType g:
                    Add(g.ElementType);
                    foreach (var a in g.GenericArguments) Add(a);
                    return;
                case TypeSpecification s:
                    Add(s.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }
        void AddAttributes(ICustomAttributeProvider p)
        {
            foreach (var a in p.CustomAttributes) Add(a.AttributeType);
        }
        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters) Add(p.ParameterType);
            if (m is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
        }

        Add(type.BaseType);
        foreach (var i in type.Interfaces) Add(i.InterfaceType);
        AddAttributes(type);
        foreach (var f in type.Fields) { Add(f.FieldType); AddAttributes(f); }
        foreach (var p in type.Properties) { Add(p.PropertyType); AddAttributes(p); }
        foreach (var e in type.Events) Add(e.EventType);
        foreach (var m in type.Methods)
        {
            AddMethod(m);
            AddAttributes(m);
            foreach (var g in m.GenericParameters) foreach (var c in g.Constraints) Add(c.ConstraintType);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType);
            foreach (var h in m.Body.ExceptionHandlers) Add(h.CatchType);
            foreach (var ins in m.Body.Instructions)
            {
                switch (ins.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference mr: AddMethod(mr); break;
                    case FieldReference fr: Add(fr.DeclaringType); Add(fr.FieldType); break;
                    case CallSite cs: Add(cs.ReturnType); break;
                }
            }
        }
        return found;
    }
}
