namespace Crossing.Core.Cases;

public readonly record struct CaseId(Guid Value)
{
    public static CaseId New() => new(Guid.NewGuid());

    /// <summary>The id as the vault and the blind indexes know it (never shown to people: they see the code).</summary>
    public string RecordId => Value.ToString("N");
}

public readonly record struct FamilyGroupId(Guid Value)
{
    public static FamilyGroupId New() => new(Guid.NewGuid());
}
