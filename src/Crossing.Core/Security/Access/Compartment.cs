using System.Text.RegularExpressions;

namespace Crossing.Core.Security.Access;

public readonly record struct CompartmentId(Guid Value)
{
    public static CompartmentId New() => new(Guid.NewGuid());
}

/// <summary>A need-to-know unit. Every case, route, journey and partner belongs to exactly one.</summary>
public sealed partial class Compartment
{
    private Compartment()
    {
        Name = "";
    }

    public CompartmentId Id { get; private set; }
    public string Name { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Compartment Create(string name, DateTimeOffset now)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        if (!NamePattern().IsMatch(trimmed))
            throw new ArgumentException("A compartment name is 2 to 40 characters: lower-case letters, digits and dashes, starting with a letter.");
        return new Compartment { Id = CompartmentId.New(), Name = trimmed, CreatedAt = now };
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex NamePattern();
}

/// <summary>Implemented by every record that lives in a compartment, so the access policy can filter it.</summary>
public interface ICompartmented
{
    CompartmentId CompartmentId { get; }
}
