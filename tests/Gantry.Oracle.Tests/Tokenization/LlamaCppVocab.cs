using System.Runtime.InteropServices;
using System.Text;
using LLama;
using LLama.Common;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// llama.cpp's own vocabulary for a GGUF file, loaded vocab-only (no weights, no context) through
/// LLamaSharp's native library, with its tokenizer entry points called directly on UTF-8 bytes so
/// that nothing in LLamaSharp's managed layer stands between the test and llama.cpp.
/// </summary>
public sealed unsafe class LlamaCppVocab : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly nint _vocab;

    private static readonly Lazy<Api> s_api = new(Api.Load);

    public LlamaCppVocab(string path)
    {
        _weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true });
        _vocab = s_api.Value.GetVocab(_weights.NativeHandle.DangerousGetHandle());
    }

    public int Count => s_api.Value.NTokens(_vocab);
    public int Bos => s_api.Value.Bos(_vocab);
    public int Eos => s_api.Value.Eos(_vocab);
    public bool AddBos => s_api.Value.AddBos(_vocab) != 0;
    public bool AddEos => s_api.Value.AddEos(_vocab) != 0;
    public bool IsEog(int id) => s_api.Value.IsEog(_vocab, id) != 0;
    public int Attributes(int id) => s_api.Value.GetAttr(_vocab, id);

    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 8];
        fixed (byte* b = bytes)
        fixed (int* t = tokens)
        {
            var n = s_api.Value.Tokenize(_vocab, b, bytes.Length, t, tokens.Length, B(addSpecial), B(parseSpecial));
            if (n < 0) throw new InvalidOperationException($"llama_tokenize needs {-n} tokens");
            return tokens[..n];
        }
    }

    public byte[] Detokenize(int[] ids, bool removeSpecial = false, bool unparseSpecial = false)
    {
        var buffer = new byte[ids.Length * 64 + 64];
        fixed (int* t = ids)
        fixed (byte* b = buffer)
        {
            var n = s_api.Value.Detokenize(_vocab, t, ids.Length, b, buffer.Length, B(removeSpecial), B(unparseSpecial));
            if (n < 0) throw new InvalidOperationException($"llama_detokenize needs {-n} bytes");
            return buffer[..n];
        }
    }

    public byte[] Piece(int id, bool special)
    {
        var buffer = new byte[1024];
        fixed (byte* b = buffer)
        {
            var n = s_api.Value.TokenToPiece(_vocab, id, b, buffer.Length, 0, B(special));
            if (n < 0) throw new InvalidOperationException($"llama_token_to_piece needs {-n} bytes");
            return buffer[..n];
        }
    }

    public void Dispose() => _weights.Dispose();

    private static byte B(bool value) => value ? (byte)1 : (byte)0;

    /// <summary>Function pointers into the libllama that LLamaSharp has already loaded (found again by its soname).</summary>
    private sealed class Api
    {
        public delegate* unmanaged<nint, nint> GetVocab;
        public delegate* unmanaged<nint, byte*, int, int*, int, byte, byte, int> Tokenize;
        public delegate* unmanaged<nint, int*, int, byte*, int, byte, byte, int> Detokenize;
        public delegate* unmanaged<nint, int, byte*, int, int, byte, int> TokenToPiece;
        public delegate* unmanaged<nint, int, byte> IsEog;
        public delegate* unmanaged<nint, int, int> GetAttr;
        public delegate* unmanaged<nint, int> NTokens, Bos, Eos;
        public delegate* unmanaged<nint, byte> AddBos, AddEos;

        public static Api Load()
        {
            // LLamaSharp picks and loads the right build on first use; make sure that happened.
            LLama.Native.NativeApi.llama_empty_call();
            var lib = NativeLibrary.Load("libllama.so");
            nint F(string name) => NativeLibrary.GetExport(lib, name);
            return new Api
            {
                GetVocab = (delegate* unmanaged<nint, nint>)F("llama_model_get_vocab"),
                Tokenize = (delegate* unmanaged<nint, byte*, int, int*, int, byte, byte, int>)F("llama_tokenize"),
                Detokenize = (delegate* unmanaged<nint, int*, int, byte*, int, byte, byte, int>)F("llama_detokenize"),
                TokenToPiece = (delegate* unmanaged<nint, int, byte*, int, int, byte, int>)F("llama_token_to_piece"),
                IsEog = (delegate* unmanaged<nint, int, byte>)F("llama_vocab_is_eog"),
                GetAttr = (delegate* unmanaged<nint, int, int>)F("llama_vocab_get_attr"),
                NTokens = (delegate* unmanaged<nint, int>)F("llama_vocab_n_tokens"),
                Bos = (delegate* unmanaged<nint, int>)F("llama_vocab_bos"),
                Eos = (delegate* unmanaged<nint, int>)F("llama_vocab_eos"),
                AddBos = (delegate* unmanaged<nint, byte>)F("llama_vocab_get_add_bos"),
                AddEos = (delegate* unmanaged<nint, byte>)F("llama_vocab_get_add_eos"),
            };
        }
    }
}
