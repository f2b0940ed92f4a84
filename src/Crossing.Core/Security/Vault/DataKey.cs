using System.Security.Cryptography;

namespace Crossing.Core.Security.Vault;

/// <summary>A record's own AES-256 key, stored only wrapped by a master key. Deleting the row shreds the record.</summary>
public sealed class DataKey
{
    private DataKey()
    {
        EntityType = "";
        RecordId = "";
        MasterKeyId = "";
        Wrapped = [];
    }

    public Guid Id { get; private set; }
    public string EntityType { get; private set; }
    public string RecordId { get; private set; }
    public string MasterKeyId { get; private set; }
    public byte[] Wrapped { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static (DataKey Row, byte[] Plain) Create(string entityType, string recordId, MasterKey master, DateTimeOffset now)
    {
        var plain = RandomNumberGenerator.GetBytes(32);
        var row = new DataKey
        {
            Id = Guid.CreateVersion7(),
            EntityType = entityType,
            RecordId = recordId,
            CreatedAt = now,
        };
        row.WrapUnder(master, plain);
        return (row, plain);
    }

    internal byte[] Unwrap(MasterKeyRing ring) =>
        FieldCipher.Decrypt(ring.Find(MasterKeyId).Bytes, Wrapped, FieldCipher.DataKeyAssociatedData(EntityType, RecordId), $"data key of {EntityType} {RecordId}");

    internal void Rewrap(MasterKeyRing ring, MasterKey newMaster)
    {
        var plain = Unwrap(ring);
        try
        {
            WrapUnder(newMaster, plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private void WrapUnder(MasterKey master, byte[] plain)
    {
        Wrapped = FieldCipher.Encrypt(master.Bytes, plain, FieldCipher.DataKeyAssociatedData(EntityType, RecordId));
        MasterKeyId = master.Id;
    }
}
