using System.Reflection;
using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore.Metadata;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Crossing.Tests.Architecture;

/// <summary>
/// The structural rules of docs/architecture.md, as functions that return every violation they find, so each can
/// be run over the real assemblies (no violation) and over a deliberately bad fixture (the violation is caught).
/// </summary>
public static class ArchitectureRules
{
    /// <summary>
    /// Types of <paramref name="assembly"/> (within <paramref name="scope"/>) that use <paramref name="forbidden"/>
    /// while living outside every namespace in <paramref name="allowedNamespaces"/>. Razor views are named after
    /// their folder (Cases_Index), so a view counts as living in that folder's namespace.
    /// </summary>
    public static IReadOnlyList<string> TypesUsingOutside(Assembly assembly, string scope, Type forbidden, IReadOnlyCollection<string> allowedNamespaces)
    {
        var found = new List<string>();
        foreach (var type in Load(assembly).GetTypes().Where(t => InScope(t, scope)))
        {
            var home = HomeNamespace(type, scope);
            if (allowedNamespaces.Any(n => home == n || home.StartsWith(n + ".", StringComparison.Ordinal)))
                continue;
            if (ReferencedTypes(type).Any(r => IsOrDerivesFrom(r, forbidden)))
                found.Add(type.FullName);
        }
        return found;
    }

    /// <summary>
    /// Uses by one capability of another capability's non-public types (its internals). <paramref name="capabilities"/>
    /// are the root namespaces of the modules; a reference from one into another must reach a public type.
    /// </summary>
    public static IReadOnlyList<string> InternalsUsedAcrossCapabilities(Assembly assembly, IReadOnlyCollection<string> capabilities)
    {
        string? CapabilityOf(string ns) => capabilities.FirstOrDefault(c => ns == c || ns.StartsWith(c + ".", StringComparison.Ordinal));
        var found = new List<string>();
        foreach (var type in Load(assembly).GetTypes())
        {
            var own = CapabilityOf(OuterNamespace(type));
            if (own is null)
                continue;
            foreach (var reference in ReferencedTypes(type))
            {
                var definition = Resolve(reference);
                if (definition is null)
                    continue;
                var other = CapabilityOf(OuterNamespace(definition));
                if (other is null || other == own || IsVisibleOutside(definition))
                    continue;
                found.Add($"{type.FullName} uses {definition.FullName}");
            }
        }
        return [.. found.Distinct()];
    }

    /// <summary>Methods outside <paramref name="allowedNamespace"/> that call any of <paramref name="methodNames"/> declared on <paramref name="declaringType"/>.</summary>
    public static IReadOnlyList<string> CallersOutside(Assembly assembly, string scope, Type declaringType, IReadOnlyCollection<string> methodNames, string allowedNamespace)
    {
        var found = new List<string>();
        foreach (var type in Load(assembly).GetTypes().Where(t => InScope(t, scope)))
        {
            var ns = OuterNamespace(type);
            if (ns == allowedNamespace || ns.StartsWith(allowedNamespace + ".", StringComparison.Ordinal))
                continue;
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is MethodReference called && methodNames.Contains(called.Name) && called.DeclaringType.FullName == declaringType.FullName)
                        found.Add($"{type.FullName}.{method.Name} calls {declaringType.Name}.{called.Name}");
                }
            }
        }
        return [.. found.Distinct()];
    }

    /// <summary>Entity types that live in a compartment but carry no "compartments" query filter: they could be read by anyone.</summary>
    public static IReadOnlyList<string> CompartmentedEntitiesWithoutFilter(IModel model) =>
        [.. model.GetEntityTypes()
            .Where(e => typeof(ICompartmented).IsAssignableFrom(e.ClrType))
            .Where(e => !e.GetRootType().GetDeclaredQueryFilters().Any(f => f.Key == CompartmentFilter.Name))
            .Select(e => e.ClrType.FullName!)];

    private static readonly Dictionary<string, ModuleDefinition> Modules = [];

    private static ModuleDefinition Load(Assembly assembly)
    {
        lock (Modules)
        {
            if (!Modules.TryGetValue(assembly.Location, out var module))
            {
                var resolver = new DefaultAssemblyResolver();
                resolver.AddSearchDirectory(Path.GetDirectoryName(assembly.Location)!);
                module = ModuleDefinition.ReadModule(assembly.Location, new ReaderParameters { AssemblyResolver = resolver });
                Modules[assembly.Location] = module;
            }
            return module;
        }
    }

    private static bool InScope(TypeDefinition type, string scope) =>
        OuterNamespace(type).StartsWith(scope, StringComparison.Ordinal) || (type.Namespace == "AspNetCoreGeneratedDocument" && scope.StartsWith(type.Module.Assembly.Name.Name, StringComparison.Ordinal));

    private static string OuterNamespace(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type.Namespace;
    }

    private static string HomeNamespace(TypeDefinition type, string scope)
    {
        if (OuterNamespace(type) != "AspNetCoreGeneratedDocument")
            return OuterNamespace(type);
        var outer = type;
        while (outer.DeclaringType is not null)
            outer = outer.DeclaringType;
        var folder = outer.Name.Split('_')[0];
        return scope.TrimEnd('.') + "." + folder;
    }

    private static bool IsVisibleOutside(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (!(t.IsPublic || t.IsNestedPublic))
                return false;
        }
        return true;
    }

    private static TypeDefinition? Resolve(TypeReference reference)
    {
        try
        {
            return reference.GetElementType().Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    private static bool IsOrDerivesFrom(TypeReference reference, Type target)
    {
        for (var definition = Resolve(reference); definition is not null; definition = definition.BaseType is null ? null : Resolve(definition.BaseType))
        {
            if (definition.FullName == target.FullName)
                return true;
        }
        return false;
    }

    /// <summary>Every type a type's signatures and method bodies mention (generic arguments included).</summary>
    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        var all = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            if (t is null)
                return;
            all.Add(t.GetElementType());
            if (t is GenericInstanceType generic)
                foreach (var argument in generic.GenericArguments)
                    Add(argument);
        }
        Add(type.BaseType);
        foreach (var i in type.Interfaces)
            Add(i.InterfaceType);
        foreach (var field in type.Fields)
            Add(field.FieldType);
        foreach (var property in type.Properties)
            Add(property.PropertyType);
        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            foreach (var p in method.Parameters)
                Add(p.ParameterType);
            if (!method.HasBody)
                continue;
            foreach (var v in method.Body.Variables)
                Add(v.VariableType);
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference m:
                        Add(m.DeclaringType);
                        Add(m.ReturnType);
                        if (m is GenericInstanceMethod gm)
                            foreach (var a in gm.GenericArguments)
                                Add(a);
                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }
        return all; // nested types (lambdas, async state machines) are visited as types of their own
    }
}
