using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Crossing.Core.Persistence;

public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// The encryption of a backup file (format in docs/backup-and-restore.md): a header carrying the PBKDF2 salt and
/// iteration count, then AES-256-GCM chunks. Each chunk's nonce holds its counter and a final-chunk flag and every
/// chunk authenticates the header, so chunks cannot be reordered, dropped, or the file cut short unnoticed.
/// </summary>
public static class BackupCipher
{
    public const int MinimumIterations = 600_000;
    public const int MinimumPassphraseLength = 12;
    public const int ChunkSize = 1 << 20;

    internal static ReadOnlySpan<byte> Magic => "CRSBAK01"u8;
    internal const int SaltSize = 16;
    internal const int NoncePrefixSize = 7;
    internal const int CheckSize = 16;
    internal const int TagSize = 16;
    internal const int HeaderSize = 8 + 4 + SaltSize + NoncePrefixSize + CheckSize;

    public static Stream Encrypt(Stream output, string passphrase, int iterations = MinimumIterations)
    {
        if (passphrase.Length < MinimumPassphraseLength)
            throw new BackupException($"The backup passphrase must be at least {MinimumPassphraseLength} characters.");
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), (uint)iterations);
        RandomNumberGenerator.Fill(header.AsSpan(12, SaltSize));
        RandomNumberGenerator.Fill(header.AsSpan(12 + SaltSize, NoncePrefixSize));
        var (key, check) = DeriveKeys(passphrase, header.AsSpan(12, SaltSize), iterations);
        check.CopyTo(header.AsSpan(12 + SaltSize + NoncePrefixSize));
        output.Write(header);
        return new EncryptingStream(output, key, header);
    }

    /// <summary>Reads and checks the header; a wrong passphrase is told apart from a damaged file by the key-check value.</summary>
    public static Stream Decrypt(Stream input, string passphrase)
    {
        var header = new byte[HeaderSize];
        if (input.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize || !header.AsSpan(0, 8).SequenceEqual(Magic))
            throw new BackupException("This file is not a Crossing backup (its header is missing or unknown).");
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        if (iterations is < MinimumIterations or > 100_000_000)
            throw new BackupException($"The backup's key-derivation iteration count ({iterations}) is outside the accepted range.");
        var (key, check) = DeriveKeys(passphrase, header.AsSpan(12, SaltSize), (int)iterations);
        if (!CryptographicOperations.FixedTimeEquals(check, header.AsSpan(12 + SaltSize + NoncePrefixSize, CheckSize)))
            throw new BackupException("Wrong passphrase for this backup.");
        return new DecryptingStream(input, key, header);
    }

    private static (byte[] Key, byte[] Check) DeriveKeys(string passphrase, ReadOnlySpan<byte> salt, int iterations)
    {
        var passphraseBytes = Encoding.UTF8.GetBytes(passphrase);
        var root = Rfc2898DeriveBytes.Pbkdf2(passphraseBytes, salt, iterations, HashAlgorithmName.SHA256, 32);
        CryptographicOperations.ZeroMemory(passphraseBytes);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, root, 32, "crossing-backup/v1/encryption"u8.ToArray());
        var check = HKDF.Expand(HashAlgorithmName.SHA256, root, CheckSize, "crossing-backup/v1/passphrase-check"u8.ToArray());
        CryptographicOperations.ZeroMemory(root);
        return (key, check);
    }

    private static byte[] Nonce(ReadOnlySpan<byte> header, uint counter, bool final)
    {
        var nonce = new byte[12];
        header.Slice(12 + SaltSize, NoncePrefixSize).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(NoncePrefixSize), counter);
        nonce[11] = final ? (byte)1 : (byte)0;
        return nonce;
    }

    /// <summary>Write-only. Disposing writes the final chunk; callers write to a temporary name and rename only on success.</summary>
    private sealed class EncryptingStream(Stream output, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm aes = new(key, TagSize);
        private readonly byte[] buffer = new byte[ChunkSize];
        private int buffered;
        private uint counter;
        private bool finished;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !finished;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> data)
        {
            ObjectDisposedException.ThrowIf(finished, this);
            while (!data.IsEmpty)
            {
                if (buffered == ChunkSize)
                    EmitChunk(final: false);
                var take = Math.Min(ChunkSize - buffered, data.Length);
                data[..take].CopyTo(buffer.AsSpan(buffered));
                buffered += take;
                data = data[take..];
            }
        }

        public override void Flush() => output.Flush();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !finished)
            {
                EmitChunk(final: true);
                finished = true;
                output.Flush();
                aes.Dispose();
                CryptographicOperations.ZeroMemory(key);
                CryptographicOperations.ZeroMemory(buffer);
            }
            base.Dispose(disposing);
        }

        private void EmitChunk(bool final)
        {
            var frame = new byte[1 + 4 + buffered + TagSize];
            frame[0] = final ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)buffered);
            aes.Encrypt(Nonce(header, counter, final), buffer.AsSpan(0, buffered), frame.AsSpan(5, buffered), frame.AsSpan(5 + buffered, TagSize), header);
            output.Write(frame);
            counter = checked(counter + 1);
            buffered = 0;
        }

        public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class DecryptingStream(Stream input, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm aes = new(key, TagSize);
        private byte[] plain = [];
        private int position;
        private uint counter;
        private bool sawFinal;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] data, int offset, int count) => Read(data.AsSpan(offset, count));

        public override int Read(Span<byte> data)
        {
            while (position == plain.Length)
            {
                if (sawFinal)
                    return 0;
                NextChunk();
            }
            var take = Math.Min(data.Length, plain.Length - position);
            plain.AsSpan(position, take).CopyTo(data);
            position += take;
            return take;
        }

        private void NextChunk()
        {
            Span<byte> prefix = stackalloc byte[5];
            if (input.ReadAtLeast(prefix, 5, throwOnEndOfStream: false) < 5)
                throw new BackupException("The backup file is truncated: it ends before its final chunk.");
            var final = prefix[0] switch
            {
                0 => false,
                1 => true,
                _ => throw new BackupException("The backup file is damaged (bad chunk marker)."),
            };
            var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
            if (length > ChunkSize)
                throw new BackupException("The backup file is damaged (chunk too long).");
            var sealedChunk = new byte[length + TagSize];
            if (input.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false) < sealedChunk.Length)
                throw new BackupException("The backup file is truncated: its last chunk is incomplete.");
            var next = new byte[length];
            try
            {
                aes.Decrypt(Nonce(header, counter, final), sealedChunk.AsSpan(0, (int)length), sealedChunk.AsSpan((int)length), next, header);
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new BackupException($"The backup file is damaged or was altered (chunk {counter} fails authentication).");
            }
            CryptographicOperations.ZeroMemory(plain);
            plain = next;
            position = 0;
            counter = checked(counter + 1);
            if (final)
            {
                sawFinal = true;
                if (input.ReadByte() != -1)
                    throw new BackupException("The backup file is damaged: data follows its final chunk.");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
                CryptographicOperations.ZeroMemory(key);
                CryptographicOperations.ZeroMemory(plain);
            }
            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] data, int offset, int count) => throw new NotSupportedException();
    }
}
