# Eight-row micro-kernels of the repacked Q8_0 and Q4_0 paths with EVEX vpdpbusd (AVX-512 VNNI + VL), for CPUs whose
# VNNI .NET 10 cannot emit (AMD Zen 4 has AVX-512 VNNI but not the VEX AVX-VNNI that System.Runtime.Intrinsics wraps).
# The arithmetic is DotPacked8x4.Run's: lane r of an accumulator is weight row r; vpdpbusd adds the unsigned weight
# bytes times the token's four signed quants broadcast from memory ({1to8}), so eight vpdpbusd finish a block's
# integer dot for eight rows and one convert and FMA scale it.
#
# Assemble and regenerate the C# byte table with build.sh (GNU as, Intel syntax, System V AMD64 calling convention).
# Each function takes one argument, rdi = a TileArgs (NativeVnni.cs):
#   0 packed   8 blocks   16..40 x0..x3 (first quant of each token row)   48..72 s0..s3 (float scale per block)
#   80..104 c0..c3 (int correction per block)   112 y   120 y stride in bytes
#   128 x4   136 s4   144 bytes from a token's scales to its corrections (the five-token kernels only)
# No data section and no relocations: the code is copied as is into executable memory.

        .intel_syntax noprefix
        .text

# Register width: v = y (ymm, eight rows, CompactRows8) or z (zmm, sixteen rows, CompactRows16); n = lanes (8 or 16)
# for the {1toN} broadcasts; zero = vpxor or vpxord (zmm has no VEX form). Register operands are numbers (4 = v mm4).
# Zen 4 runs a zmm vpdpbusd as two halves, so both widths multiply at the same rate; sixteen rows halve the token
# broadcasts and the instructions per multiply-add, which measured 20% more multiply-adds per cycle at five tokens.

# One token against the block's eight weight vectors in v16..v23 and row scales in v24:
# acc += d_w * d_x * (correction + sum of u * x), with two chains of vpdpbusd so each is four deep.
.macro TOKEN q, s, c, acc, even, odd, scale, v=y, n=8, zero=vpxor
        vpbroadcastd \v\()mm\even, DWORD PTR [\c + rax * 4]
        \zero   \v\()mm\odd, \v\()mm\odd, \v\()mm\odd
        vpdpbusd \v\()mm\even, \v\()mm16, DWORD PTR [\q]{1to\n}
        vpdpbusd \v\()mm\odd, \v\()mm17, DWORD PTR [\q + 4]{1to\n}
        vpdpbusd \v\()mm\even, \v\()mm18, DWORD PTR [\q + 8]{1to\n}
        vpdpbusd \v\()mm\odd, \v\()mm19, DWORD PTR [\q + 12]{1to\n}
        vpdpbusd \v\()mm\even, \v\()mm20, DWORD PTR [\q + 16]{1to\n}
        vpdpbusd \v\()mm\odd, \v\()mm21, DWORD PTR [\q + 20]{1to\n}
        vpdpbusd \v\()mm\even, \v\()mm22, DWORD PTR [\q + 24]{1to\n}
        vpdpbusd \v\()mm\odd, \v\()mm23, DWORD PTR [\q + 28]{1to\n}
        vpaddd  \v\()mm\even, \v\()mm\even, \v\()mm\odd
        vcvtdq2ps \v\()mm\even, \v\()mm\even
        vmulps  \v\()mm\scale, \v\()mm24, DWORD PTR [\s + rax * 4]{1to\n}
        vfmadd231ps \v\()mm\acc, \v\()mm\even, \v\()mm\scale
.endm

# Q8_0 (q + 128): CompactRows8 W_0..W_7 at 0..224 and eight fp16 scales at 256 (272 bytes a block); CompactRows16
# W_0..W_7 at 0..448 (rows 0-7 in each vector's low half) and sixteen fp16 scales at 512 (544 bytes a block).
.macro LOAD_Q8_0 v=y, w=32, lines=5, half=XMMWORD
        .set pf, 0
        .rept \lines
        prefetcht0 [rdi + 4096 + pf]
        .set pf, pf + 64
        .endr
        vmovdqu64 \v\()mm16, [rdi]
        vmovdqu64 \v\()mm17, [rdi + \w]
        vmovdqu64 \v\()mm18, [rdi + 2 * \w]
        vmovdqu64 \v\()mm19, [rdi + 3 * \w]
        vmovdqu64 \v\()mm20, [rdi + 4 * \w]
        vmovdqu64 \v\()mm21, [rdi + 5 * \w]
        vmovdqu64 \v\()mm22, [rdi + 6 * \w]
        vmovdqu64 \v\()mm23, [rdi + 7 * \w]
        vcvtph2ps \v\()mm24, \half PTR [rdi + 8 * \w]
.endm
.macro LOAD_Q8_0_WIDE
        LOAD_Q8_0 z, 64, 9, YMMWORD
.endm

# Q4_0 (quant bytes as stored): P_0..P_3 then the fp16 scales; 144 bytes a block of eight rows, 288 of sixteen.
# W_k = P_k & 0x0F and W_{k+4} = (P_k >> 4) & 0x0F; v25 holds the 0x0F mask.
.macro LOAD_Q4_0 v=y, w=32, lines=3, half=XMMWORD
        .set pf, 0
        .rept \lines
        prefetcht0 [rdi + 4096 + pf]
        .set pf, pf + 64
        .endr
        vmovdqu64 \v\()mm16, [rdi]
        vmovdqu64 \v\()mm17, [rdi + \w]
        vmovdqu64 \v\()mm18, [rdi + 2 * \w]
        vmovdqu64 \v\()mm19, [rdi + 3 * \w]
        vpsrlw  \v\()mm20, \v\()mm16, 4
        vpsrlw  \v\()mm21, \v\()mm17, 4
        vpsrlw  \v\()mm22, \v\()mm18, 4
        vpsrlw  \v\()mm23, \v\()mm19, 4
        vpandd  \v\()mm16, \v\()mm16, \v\()mm25
        vpandd  \v\()mm17, \v\()mm17, \v\()mm25
        vpandd  \v\()mm18, \v\()mm18, \v\()mm25
        vpandd  \v\()mm19, \v\()mm19, \v\()mm25
        vpandd  \v\()mm20, \v\()mm20, \v\()mm25
        vpandd  \v\()mm21, \v\()mm21, \v\()mm25
        vpandd  \v\()mm22, \v\()mm22, \v\()mm25
        vpandd  \v\()mm23, \v\()mm23, \v\()mm25
        vcvtph2ps \v\()mm24, \half PTR [rdi + 4 * \w]
.endm
.macro LOAD_Q4_0_WIDE
        LOAD_Q4_0 z, 64, 5, YMMWORD
.endm

# Rows x four tokens: writes y[t * stride + r] for t < 4, r < 8 (ymm) or 16 (zmm).
.macro KERNEL_X4 name, load, blockbytes, v=y, n=8, zero=vpxor
        .p2align 6
        .globl \name
\name:
        push    rbx
        push    rbp
        push    r12
        push    r13
        push    r14
        push    r15
        push    rdi
        mov     eax, 0x0F0F0F0F
        vpbroadcastd \v\()mm25, eax
        mov     rsi, [rdi + 8]
        mov     r8, [rdi + 16]
        mov     r9, [rdi + 24]
        mov     r10, [rdi + 32]
        mov     r11, [rdi + 40]
        mov     rbx, [rdi + 48]
        mov     rbp, [rdi + 56]
        mov     r12, [rdi + 64]
        mov     r13, [rdi + 72]
        mov     r14, [rdi + 80]
        mov     r15, [rdi + 88]
        mov     rcx, [rdi + 96]
        mov     rdx, [rdi + 104]
        mov     rdi, [rdi]
        \zero   \v\()mm0, \v\()mm0, \v\()mm0
        \zero   \v\()mm1, \v\()mm1, \v\()mm1
        \zero   \v\()mm2, \v\()mm2, \v\()mm2
        \zero   \v\()mm3, \v\()mm3, \v\()mm3
        xor     eax, eax
        test    rsi, rsi
        jz      2f
1:
        \load
        TOKEN   r8, rbx, r14, 0, 4, 5, 12, \v, \n, \zero
        TOKEN   r9, rbp, r15, 1, 6, 7, 13, \v, \n, \zero
        TOKEN   r10, r12, rcx, 2, 8, 9, 14, \v, \n, \zero
        TOKEN   r11, r13, rdx, 3, 10, 11, 15, \v, \n, \zero
        add     rdi, \blockbytes
        add     r8, 34
        add     r9, 34
        add     r10, 34
        add     r11, 34
        inc     rax
        cmp     rax, rsi
        jb      1b
2:
        pop     rdi
        mov     rax, [rdi + 112]
        mov     rcx, [rdi + 120]
        vmovups [rax], \v\()mm0
        add     rax, rcx
        vmovups [rax], \v\()mm1
        add     rax, rcx
        vmovups [rax], \v\()mm2
        add     rax, rcx
        vmovups [rax], \v\()mm3
        vzeroupper
        pop     r15
        pop     r14
        pop     r13
        pop     r12
        pop     rbp
        pop     rbx
        ret
.endm

# Rows x one token (decode, and a tile's tokens past its last group of four): writes y[r] for r < 8 or 16.
.macro KERNEL_X1 name, load, blockbytes, v=y, n=8, zero=vpxor
        .p2align 6
        .globl \name
\name:
        mov     eax, 0x0F0F0F0F
        vpbroadcastd \v\()mm25, eax
        mov     rsi, [rdi + 8]
        mov     r8, [rdi + 16]
        mov     rcx, [rdi + 48]
        mov     rdx, [rdi + 80]
        mov     r9, [rdi + 112]
        mov     rdi, [rdi]
        \zero   \v\()mm0, \v\()mm0, \v\()mm0
        xor     eax, eax
        test    rsi, rsi
        jz      2f
1:
        \load
        TOKEN   r8, rcx, rdx, 0, 4, 5, 12, \v, \n, \zero
        add     rdi, \blockbytes
        add     r8, 34
        inc     rax
        cmp     rax, rsi
        jb      1b
2:
        vmovups [r9], \v\()mm0
        vzeroupper
        ret
.endm

# One token of the five-token kernels: q = its quants, s = its scales; its corrections lie rdx bytes past s.
.macro TOKEN_S q, s, acc, v=y, n=8, zero=vpxor
        vpbroadcastd \v\()mm5, DWORD PTR [\s + rdx]
        \zero   \v\()mm6, \v\()mm6, \v\()mm6
        vpdpbusd \v\()mm5, \v\()mm16, DWORD PTR [\q]{1to\n}
        vpdpbusd \v\()mm6, \v\()mm17, DWORD PTR [\q + 4]{1to\n}
        vpdpbusd \v\()mm5, \v\()mm18, DWORD PTR [\q + 8]{1to\n}
        vpdpbusd \v\()mm6, \v\()mm19, DWORD PTR [\q + 12]{1to\n}
        vpdpbusd \v\()mm5, \v\()mm20, DWORD PTR [\q + 16]{1to\n}
        vpdpbusd \v\()mm6, \v\()mm21, DWORD PTR [\q + 20]{1to\n}
        vpdpbusd \v\()mm5, \v\()mm22, DWORD PTR [\q + 24]{1to\n}
        vpdpbusd \v\()mm6, \v\()mm23, DWORD PTR [\q + 28]{1to\n}
        vpaddd  \v\()mm5, \v\()mm5, \v\()mm6
        vcvtdq2ps \v\()mm5, \v\()mm5
        vmulps  \v\()mm7, \v\()mm24, DWORD PTR [\s]{1to\n}
        vfmadd231ps \v\()mm\acc, \v\()mm5, \v\()mm7
.endm

# Rows x five tokens in one pass over the weights (a speculative step of five: four plus one would read the group
# twice and unpack it twice): writes y[t * stride + r] for t < 5, r < 8 or 16.
.macro KERNEL_X5 name, load, blockbytes, v=y, n=8, zero=vpxor
        .p2align 6
        .globl \name
\name:
        push    rbx
        push    rbp
        push    r12
        push    r13
        push    r14
        push    r15
        push    rdi
        mov     eax, 0x0F0F0F0F
        vpbroadcastd \v\()mm25, eax
        mov     rsi, [rdi + 8]
        mov     r8, [rdi + 16]
        mov     r9, [rdi + 24]
        mov     r10, [rdi + 32]
        mov     r11, [rdi + 40]
        mov     r12, [rdi + 128]
        mov     rbx, [rdi + 48]
        mov     rbp, [rdi + 56]
        mov     r13, [rdi + 64]
        mov     r14, [rdi + 72]
        mov     r15, [rdi + 136]
        mov     rdx, [rdi + 144]
        mov     rdi, [rdi]
        \zero   \v\()mm0, \v\()mm0, \v\()mm0
        \zero   \v\()mm1, \v\()mm1, \v\()mm1
        \zero   \v\()mm2, \v\()mm2, \v\()mm2
        \zero   \v\()mm3, \v\()mm3, \v\()mm3
        \zero   \v\()mm4, \v\()mm4, \v\()mm4
        test    rsi, rsi
        jz      2f
1:
        \load
        TOKEN_S r8, rbx, 0, \v, \n, \zero
        TOKEN_S r9, rbp, 1, \v, \n, \zero
        TOKEN_S r10, r13, 2, \v, \n, \zero
        TOKEN_S r11, r14, 3, \v, \n, \zero
        TOKEN_S r12, r15, 4, \v, \n, \zero
        add     rdi, \blockbytes
        add     r8, 34
        add     r9, 34
        add     r10, 34
        add     r11, 34
        add     r12, 34
        add     rbx, 4
        add     rbp, 4
        add     r13, 4
        add     r14, 4
        add     r15, 4
        dec     rsi
        jnz     1b
2:
        pop     rdi
        mov     rax, [rdi + 112]
        mov     rcx, [rdi + 120]
        vmovups [rax], \v\()mm0
        add     rax, rcx
        vmovups [rax], \v\()mm1
        add     rax, rcx
        vmovups [rax], \v\()mm2
        add     rax, rcx
        vmovups [rax], \v\()mm3
        add     rax, rcx
        vmovups [rax], \v\()mm4
        vzeroupper
        pop     r15
        pop     r14
        pop     r13
        pop     r12
        pop     rbp
        pop     rbx
        ret
.endm

KERNEL_X4 gantry_q8_0_8x4, LOAD_Q8_0, 272
KERNEL_X1 gantry_q8_0_8x1, LOAD_Q8_0, 272
KERNEL_X4 gantry_q4_0_8x4, LOAD_Q4_0, 144
KERNEL_X1 gantry_q4_0_8x1, LOAD_Q4_0, 144
KERNEL_X5 gantry_q8_0_8x5, LOAD_Q8_0, 272
KERNEL_X5 gantry_q4_0_8x5, LOAD_Q4_0, 144
KERNEL_X4 gantry_q8_0_16x4, LOAD_Q8_0_WIDE, 544, z, 16, vpxord
KERNEL_X1 gantry_q8_0_16x1, LOAD_Q8_0_WIDE, 544, z, 16, vpxord
KERNEL_X5 gantry_q8_0_16x5, LOAD_Q8_0_WIDE, 544, z, 16, vpxord
KERNEL_X4 gantry_q4_0_16x4, LOAD_Q4_0_WIDE, 288, z, 16, vpxord
KERNEL_X1 gantry_q4_0_16x1, LOAD_Q4_0_WIDE, 288, z, 16, vpxord
KERNEL_X5 gantry_q4_0_16x5, LOAD_Q4_0_WIDE, 288, z, 16, vpxord

# ---- Q4_K: NibbleKRows8 (1,216 bytes per eight rows and 256 values) against Q8_K activation rows ----
# A Q8_K block is d (float) at 0, 256 quants at 4 and 16 16-bit sums of 16 quants each at 260; 292 bytes.
# Four tokens only: for one token (decode) the managed kernel measured faster. Per 32-value run j, vpdpbusd sums the nibble products in 32 bits (up to 32 * 15 * 128, beyond 16 bits), vpmulld
# scales them by the rows' six-bit scale sc_j, and the super-block's integer sum is converted once; the mins term is
# DotPackedQ4_K.Finish's (run sums from the bsums, paired with the rows' mins by vpmaddwd).
        .set Q4K_BLOCK, 1216
        .set Q4K_SCALES, 1024
        .set Q4K_MINS, 1088
        .set Q4K_D, 1152
        .set Q4K_NEGDMIN, 1184

.macro Q4K_PREFETCH
        .set pf, 0
        .rept 19
        prefetcht0 [rdi + 4096 + pf]
        .set pf, pf + 64
        .endr
.endm

# Chunk c's quads: low nibbles (run 2c) in ymm16..23, high nibbles (run 2c + 1) in ymm24..31; scales in ymm14, ymm15.
.macro Q4K_CHUNK_LEVELS c
        vpbroadcastd ymm13, edx
        vmovdqu64 ymm16, [rdi + 256 * \c + 0]
        vmovdqu64 ymm17, [rdi + 256 * \c + 32]
        vmovdqu64 ymm18, [rdi + 256 * \c + 64]
        vmovdqu64 ymm19, [rdi + 256 * \c + 96]
        vmovdqu64 ymm20, [rdi + 256 * \c + 128]
        vmovdqu64 ymm21, [rdi + 256 * \c + 160]
        vmovdqu64 ymm22, [rdi + 256 * \c + 192]
        vmovdqu64 ymm23, [rdi + 256 * \c + 224]
        vpsrlw  ymm24, ymm16, 4
        vpsrlw  ymm25, ymm17, 4
        vpsrlw  ymm26, ymm18, 4
        vpsrlw  ymm27, ymm19, 4
        vpsrlw  ymm28, ymm20, 4
        vpsrlw  ymm29, ymm21, 4
        vpsrlw  ymm30, ymm22, 4
        vpsrlw  ymm31, ymm23, 4
        vpandd  ymm16, ymm16, ymm13
        vpandd  ymm17, ymm17, ymm13
        vpandd  ymm18, ymm18, ymm13
        vpandd  ymm19, ymm19, ymm13
        vpandd  ymm20, ymm20, ymm13
        vpandd  ymm21, ymm21, ymm13
        vpandd  ymm22, ymm22, ymm13
        vpandd  ymm23, ymm23, ymm13
        vpandd  ymm24, ymm24, ymm13
        vpandd  ymm25, ymm25, ymm13
        vpandd  ymm26, ymm26, ymm13
        vpandd  ymm27, ymm27, ymm13
        vpandd  ymm28, ymm28, ymm13
        vpandd  ymm29, ymm29, ymm13
        vpandd  ymm30, ymm30, ymm13
        vpandd  ymm31, ymm31, ymm13
        vpmovzxbd ymm14, QWORD PTR [rdi + Q4K_SCALES + 16 * \c]
        vpmovzxbd ymm15, QWORD PTR [rdi + Q4K_SCALES + 16 * \c + 8]
.endm

# isum += sc_2c * (run 2c) + sc_2c+1 * (run 2c + 1) for the token whose Q8_K block starts at x; each run's eight
# vpdpbusd in two chains of four, so one token alone (decode) is not held up by their latency.
.macro Q4K_CHUNK_TOKEN c, x, isum
        vpxor   ymm8, ymm8, ymm8
        vpxor   ymm9, ymm9, ymm9
        vpxor   ymm10, ymm10, ymm10
        vpxor   ymm11, ymm11, ymm11
        vpdpbusd ymm8, ymm16, DWORD PTR [\x + 4 + 64 * \c]{1to8}
        vpdpbusd ymm9, ymm24, DWORD PTR [\x + 4 + 64 * \c + 32]{1to8}
        vpdpbusd ymm10, ymm17, DWORD PTR [\x + 4 + 64 * \c + 4]{1to8}
        vpdpbusd ymm11, ymm25, DWORD PTR [\x + 4 + 64 * \c + 36]{1to8}
        vpdpbusd ymm8, ymm18, DWORD PTR [\x + 4 + 64 * \c + 8]{1to8}
        vpdpbusd ymm9, ymm26, DWORD PTR [\x + 4 + 64 * \c + 40]{1to8}
        vpdpbusd ymm10, ymm19, DWORD PTR [\x + 4 + 64 * \c + 12]{1to8}
        vpdpbusd ymm11, ymm27, DWORD PTR [\x + 4 + 64 * \c + 44]{1to8}
        vpdpbusd ymm8, ymm20, DWORD PTR [\x + 4 + 64 * \c + 16]{1to8}
        vpdpbusd ymm9, ymm28, DWORD PTR [\x + 4 + 64 * \c + 48]{1to8}
        vpdpbusd ymm10, ymm21, DWORD PTR [\x + 4 + 64 * \c + 20]{1to8}
        vpdpbusd ymm11, ymm29, DWORD PTR [\x + 4 + 64 * \c + 52]{1to8}
        vpdpbusd ymm8, ymm22, DWORD PTR [\x + 4 + 64 * \c + 24]{1to8}
        vpdpbusd ymm9, ymm30, DWORD PTR [\x + 4 + 64 * \c + 56]{1to8}
        vpdpbusd ymm10, ymm23, DWORD PTR [\x + 4 + 64 * \c + 28]{1to8}
        vpdpbusd ymm11, ymm31, DWORD PTR [\x + 4 + 64 * \c + 60]{1to8}
        vpaddd  ymm8, ymm8, ymm10
        vpaddd  ymm9, ymm9, ymm11
        vpmulld ymm8, ymm8, ymm14
        vpmulld ymm9, ymm9, ymm15
        vpaddd  \isum, \isum, ymm8
        vpaddd  \isum, \isum, ymm9
.endm

# The rows' min pairs in ymm16..19 and vpermd indices 0, 1, 4, 5 in ymm20..23 (ecx holds the scratch constant).
.macro Q4K_MINS_SETUP
        vpmovzxbw ymm16, XMMWORD PTR [rdi + Q4K_MINS]
        vpmovzxbw ymm17, XMMWORD PTR [rdi + Q4K_MINS + 16]
        vpmovzxbw ymm18, XMMWORD PTR [rdi + Q4K_MINS + 32]
        vpmovzxbw ymm19, XMMWORD PTR [rdi + Q4K_MINS + 48]
        xor     ecx, ecx
        vpbroadcastd ymm20, ecx
        inc     ecx
        vpbroadcastd ymm21, ecx
        mov     ecx, 4
        vpbroadcastd ymm22, ecx
        inc     ecx
        vpbroadcastd ymm23, ecx
.endm

# acc += d_x * (D * isum - DMIN * sum_j m_j * run sum_j); ymm12 holds sixteen 16-bit ones.
.macro Q4K_FINISH x, isum, acc
        vpmaddwd ymm8, ymm12, YMMWORD PTR [\x + 260]
        vpackssdw ymm8, ymm8, ymm8
        vpermd  ymm9, ymm20, ymm8
        vpmaddwd ymm9, ymm9, ymm16
        vpermd  ymm10, ymm21, ymm8
        vpmaddwd ymm10, ymm10, ymm17
        vpaddd  ymm9, ymm9, ymm10
        vpermd  ymm10, ymm22, ymm8
        vpmaddwd ymm10, ymm10, ymm18
        vpaddd  ymm9, ymm9, ymm10
        vpermd  ymm10, ymm23, ymm8
        vpmaddwd ymm10, ymm10, ymm19
        vpaddd  ymm9, ymm9, ymm10
        vbroadcastss ymm11, DWORD PTR [\x]
        vmulps  ymm10, ymm11, YMMWORD PTR [rdi + Q4K_D]
        vcvtdq2ps ymm14, \isum
        vfmadd231ps \acc, ymm14, ymm10
        vmulps  ymm10, ymm11, YMMWORD PTR [rdi + Q4K_NEGDMIN]
        vcvtdq2ps ymm9, ymm9
        vfmadd231ps \acc, ymm9, ymm10
.endm

        .p2align 6
        .globl gantry_q4_k_8x4
gantry_q4_k_8x4:
        push    rdi
        mov     edx, 0x0F0F0F0F
        mov     eax, 0x00010001
        vpbroadcastd ymm12, eax
        mov     rsi, [rdi + 8]
        mov     r8, [rdi + 16]
        mov     r9, [rdi + 24]
        mov     r10, [rdi + 32]
        mov     r11, [rdi + 40]
        mov     rdi, [rdi]
        vpxor   ymm0, ymm0, ymm0
        vpxor   ymm1, ymm1, ymm1
        vpxor   ymm2, ymm2, ymm2
        vpxor   ymm3, ymm3, ymm3
        test    rsi, rsi
        jz      2f
1:
        Q4K_PREFETCH
        vpxor   ymm4, ymm4, ymm4
        vpxor   ymm5, ymm5, ymm5
        vpxor   ymm6, ymm6, ymm6
        vpxor   ymm7, ymm7, ymm7
        .irp c, 0, 1, 2, 3
        Q4K_CHUNK_LEVELS \c
        Q4K_CHUNK_TOKEN \c, r8, ymm4
        Q4K_CHUNK_TOKEN \c, r9, ymm5
        Q4K_CHUNK_TOKEN \c, r10, ymm6
        Q4K_CHUNK_TOKEN \c, r11, ymm7
        .endr
        Q4K_MINS_SETUP
        Q4K_FINISH r8, ymm4, ymm0
        Q4K_FINISH r9, ymm5, ymm1
        Q4K_FINISH r10, ymm6, ymm2
        Q4K_FINISH r11, ymm7, ymm3
        add     rdi, Q4K_BLOCK
        add     r8, 292
        add     r9, 292
        add     r10, 292
        add     r11, 292
        dec     rsi
        jnz     1b
2:
        pop     rdi
        mov     rax, [rdi + 112]
        mov     rcx, [rdi + 120]
        vmovups [rax], ymm0
        add     rax, rcx
        vmovups [rax], ymm1
        add     rax, rcx
        vmovups [rax], ymm2
        add     rax, rcx
        vmovups [rax], ymm3
        vzeroupper
        ret


# ---- Q6_K: SixBitKRows8 (1,696 bytes per eight rows and 256 values) against Q8_K activation rows ----
# Four tokens only, as for Q4_K. Quad k of half h holds, per row, ql low bytes (runs 0 and 2 of the half), ql high bytes (runs 1 and 3) and qh bits.
# Per 16-value sub-block s = 8h + 2j + (k >= 4) of run j, vpdpbusd sums the six-bit levels (0..63) times the quants
# in 32 bits and vpmulld scales them by the rows' signed scales; the -32 offset is taken out once per super-block
# from the bsums (DotPackedQ6_K.Finish), here with vpdpwssd.
        .set Q6K_BLOCK, 1696
        .set Q6K_SCALES, 1536
        .set Q6K_D, 1664

.macro Q6K_PREFETCH
        .set pf, 0
        .rept 27
        prefetcht0 [rdi + 4096 + pf]
        .set pf, pf + 64
        .endr
.endm

# Levels of quad k of half h in its four runs: r0..r3 = ymm registers; ymm8 = 0x0F bytes, ymm9 = 0x30 bytes.
.macro Q6K_LEVELS h, k, r0, r1, r2, r3
        vmovdqu64 \r0, [rdi + ((\h * 3 + 0) * 8 + \k) * 32]
        vmovdqu64 \r1, [rdi + ((\h * 3 + 1) * 8 + \k) * 32]
        vmovdqu64 ymm10, [rdi + ((\h * 3 + 2) * 8 + \k) * 32]
        vpsrlw  \r2, \r0, 4
        vpsrlw  \r3, \r1, 4
        vpandd  \r0, \r0, ymm8
        vpandd  \r1, \r1, ymm8
        vpandd  \r2, \r2, ymm8
        vpandd  \r3, \r3, ymm8
        vpsllw  ymm11, ymm10, 4
        vpandd  ymm11, ymm11, ymm9
        vpord   \r0, \r0, ymm11
        vpsllw  ymm11, ymm10, 2
        vpandd  ymm11, ymm11, ymm9
        vpord   \r1, \r1, ymm11
        vpandd  ymm11, ymm10, ymm9
        vpord   \r2, \r2, ymm11
        vpsrlw  ymm11, ymm10, 2
        vpandd  ymm11, ymm11, ymm9
        vpord   \r3, \r3, ymm11
.endm

# Levels of quads 4*half .. 4*half+3 of half h into ymm16..31 (quad-major), the four runs' scales into ymm12..15.
.macro Q6K_QUARTER_SETUP h, half
        mov     eax, 0x0F0F0F0F
        vpbroadcastd ymm8, eax
        mov     eax, 0x30303030
        vpbroadcastd ymm9, eax
        Q6K_LEVELS \h, (4 * \half + 0), ymm16, ymm17, ymm18, ymm19
        Q6K_LEVELS \h, (4 * \half + 1), ymm20, ymm21, ymm22, ymm23
        Q6K_LEVELS \h, (4 * \half + 2), ymm24, ymm25, ymm26, ymm27
        Q6K_LEVELS \h, (4 * \half + 3), ymm28, ymm29, ymm30, ymm31
        vpmovsxbd ymm12, QWORD PTR [rdi + Q6K_SCALES + 8 * (8 * \h + 0 + \half)]
        vpmovsxbd ymm13, QWORD PTR [rdi + Q6K_SCALES + 8 * (8 * \h + 2 + \half)]
        vpmovsxbd ymm14, QWORD PTR [rdi + Q6K_SCALES + 8 * (8 * \h + 4 + \half)]
        vpmovsxbd ymm15, QWORD PTR [rdi + Q6K_SCALES + 8 * (8 * \h + 6 + \half)]
.endm

# isum += sum over the four runs of sc * (levels . quants) for quads 4*half .. 4*half+3 of half h.
.macro Q6K_QUARTER_TOKEN h, half, x, isum
        .set qo, 4 + 128 * \h + 16 * \half
        vpxor   ymm8, ymm8, ymm8
        vpxor   ymm9, ymm9, ymm9
        vpxor   ymm10, ymm10, ymm10
        vpxor   ymm11, ymm11, ymm11
        vpdpbusd ymm8, ymm16, DWORD PTR [\x + qo]{1to8}
        vpdpbusd ymm9, ymm17, DWORD PTR [\x + qo + 32]{1to8}
        vpdpbusd ymm10, ymm18, DWORD PTR [\x + qo + 64]{1to8}
        vpdpbusd ymm11, ymm19, DWORD PTR [\x + qo + 96]{1to8}
        vpdpbusd ymm8, ymm20, DWORD PTR [\x + qo + 4]{1to8}
        vpdpbusd ymm9, ymm21, DWORD PTR [\x + qo + 36]{1to8}
        vpdpbusd ymm10, ymm22, DWORD PTR [\x + qo + 68]{1to8}
        vpdpbusd ymm11, ymm23, DWORD PTR [\x + qo + 100]{1to8}
        vpdpbusd ymm8, ymm24, DWORD PTR [\x + qo + 8]{1to8}
        vpdpbusd ymm9, ymm25, DWORD PTR [\x + qo + 40]{1to8}
        vpdpbusd ymm10, ymm26, DWORD PTR [\x + qo + 72]{1to8}
        vpdpbusd ymm11, ymm27, DWORD PTR [\x + qo + 104]{1to8}
        vpdpbusd ymm8, ymm28, DWORD PTR [\x + qo + 12]{1to8}
        vpdpbusd ymm9, ymm29, DWORD PTR [\x + qo + 44]{1to8}
        vpdpbusd ymm10, ymm30, DWORD PTR [\x + qo + 76]{1to8}
        vpdpbusd ymm11, ymm31, DWORD PTR [\x + qo + 108]{1to8}
        vpmulld ymm8, ymm8, ymm12
        vpmulld ymm9, ymm9, ymm13
        vpmulld ymm10, ymm10, ymm14
        vpmulld ymm11, ymm11, ymm15
        vpaddd  ymm8, ymm8, ymm9
        vpaddd  ymm10, ymm10, ymm11
        vpaddd  \isum, \isum, ymm8
        vpaddd  \isum, \isum, ymm10
.endm

# The rows' scales of sub-blocks 2i and 2i + 1 as signed 16-bit pairs, i = 0..7, in ymm16..23.
.macro Q6K_OFFSET_SETUP
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 0]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 8]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm16, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 16]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 24]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm17, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 32]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 40]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm18, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 48]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 56]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm19, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 64]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 72]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm20, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 80]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 88]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm21, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 96]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 104]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm22, xmm8
        vmovq   xmm8, QWORD PTR [rdi + Q6K_SCALES + 112]
        vmovq   xmm9, QWORD PTR [rdi + Q6K_SCALES + 120]
        vpunpcklbw xmm8, xmm8, xmm9
        vpmovsxbw ymm23, xmm8
.endm

# acc += d_x * D * (isum - 32 * sum_s sc_s * bsum pair s).
.macro Q6K_FINISH x, isum, acc
        vpxor   ymm8, ymm8, ymm8
        vpdpwssd ymm8, ymm16, DWORD PTR [\x + 260]{1to8}
        vpdpwssd ymm8, ymm17, DWORD PTR [\x + 264]{1to8}
        vpdpwssd ymm8, ymm18, DWORD PTR [\x + 268]{1to8}
        vpdpwssd ymm8, ymm19, DWORD PTR [\x + 272]{1to8}
        vpdpwssd ymm8, ymm20, DWORD PTR [\x + 276]{1to8}
        vpdpwssd ymm8, ymm21, DWORD PTR [\x + 280]{1to8}
        vpdpwssd ymm8, ymm22, DWORD PTR [\x + 284]{1to8}
        vpdpwssd ymm8, ymm23, DWORD PTR [\x + 288]{1to8}
        vpslld  ymm8, ymm8, 5
        vpsubd  ymm8, \isum, ymm8
        vcvtdq2ps ymm8, ymm8
        vbroadcastss ymm9, DWORD PTR [\x]
        vmulps  ymm9, ymm9, YMMWORD PTR [rdi + Q6K_D]
        vfmadd231ps \acc, ymm8, ymm9
.endm

        .p2align 6
        .globl gantry_q6_k_8x4
gantry_q6_k_8x4:
        push    rdi
        mov     rsi, [rdi + 8]
        mov     r8, [rdi + 16]
        mov     r9, [rdi + 24]
        mov     r10, [rdi + 32]
        mov     r11, [rdi + 40]
        mov     rdi, [rdi]
        vpxor   ymm0, ymm0, ymm0
        vpxor   ymm1, ymm1, ymm1
        vpxor   ymm2, ymm2, ymm2
        vpxor   ymm3, ymm3, ymm3
        test    rsi, rsi
        jz      2f
1:
        Q6K_PREFETCH
        vpxor   ymm4, ymm4, ymm4
        vpxor   ymm5, ymm5, ymm5
        vpxor   ymm6, ymm6, ymm6
        vpxor   ymm7, ymm7, ymm7
        .irp hh, 0, 1
        .irp half, 0, 1
        Q6K_QUARTER_SETUP \hh, \half
        Q6K_QUARTER_TOKEN \hh, \half, r8, ymm4
        Q6K_QUARTER_TOKEN \hh, \half, r9, ymm5
        Q6K_QUARTER_TOKEN \hh, \half, r10, ymm6
        Q6K_QUARTER_TOKEN \hh, \half, r11, ymm7
        .endr
        .endr
        Q6K_OFFSET_SETUP
        Q6K_FINISH r8, ymm4, ymm0
        Q6K_FINISH r9, ymm5, ymm1
        Q6K_FINISH r10, ymm6, ymm2
        Q6K_FINISH r11, ymm7, ymm3
        add     rdi, Q6K_BLOCK
        add     r8, 292
        add     r9, 292
        add     r10, 292
        add     r11, 292
        dec     rsi
        jnz     1b
2:
        pop     rdi
        mov     rax, [rdi + 112]
        mov     rcx, [rdi + 120]
        vmovups [rax], ymm0
        add     rax, rcx
        vmovups [rax], ymm1
        add     rax, rcx
        vmovups [rax], ymm2
        add     rax, rcx
        vmovups [rax], ymm3
        vzeroupper
        ret

