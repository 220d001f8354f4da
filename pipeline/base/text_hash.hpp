// A fast 64-bit hash of a record's text, used only to recognise identical texts of one crime
// (exports repeat the MO on every victim row). Four independent lanes of 128-bit
// multiply-fold over 64-byte blocks (the wyhash construction), so that the multiplies of one
// block overlap; shorter rests in two lanes of 32 bytes. Hashing costs a small fraction of
// scanning. A false "identical" needs two different texts of the same
// crime to collide: about 2^-64 per pair.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace moscan {

inline std::uint64_t hash_mix(std::uint64_t a, std::uint64_t b) {
    __uint128_t r = static_cast<__uint128_t>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

namespace detail {
// text_hash; with Padded, 32 bytes may be read from the end of s (the rest of a text is loaded
// in place and masked, instead of copied to a zeroed block: that copy of a few bytes stalls
// the loads that follow it). Both give the same value.
template <bool Padded> inline std::uint64_t text_hash(std::string_view s, std::uint64_t seed) {
    constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                            k2 = 0x8ebc6af09c88c6e3ull, k3 = 0x589965cc75374cc3ull;
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t a = seed ^ k0, b = hash_mix(seed ^ k1, n ^ k2);
    auto load = [](const char* q) {
        std::uint64_t v;
        std::memcpy(&v, q, 8);
        return v;
    };
    if (n >= 64) { // four lanes: two more chains of multiplies in flight
        std::uint64_t c = seed ^ k2, d = seed ^ k3;
        do {
            a = hash_mix(load(p) ^ k1, load(p + 8) ^ a);
            b = hash_mix(load(p + 16) ^ k2, load(p + 24) ^ b);
            c = hash_mix(load(p + 32) ^ k3, load(p + 40) ^ c);
            d = hash_mix(load(p + 48) ^ k0, load(p + 56) ^ d);
            p += 64;
            n -= 64;
        } while (n >= 64);
        a = hash_mix(a ^ k2, c ^ k1);
        b = hash_mix(b ^ k3, d ^ k0);
    }
    while (n >= 32) {
        a = hash_mix(load(p) ^ k1, load(p + 8) ^ a);
        b = hash_mix(load(p + 16) ^ k2, load(p + 24) ^ b);
        p += 32;
        n -= 32;
    }
    std::uint64_t w[4];
    if constexpr (Padded) {
        for (std::size_t i = 0; i < 4; ++i) {
            const std::size_t have = n > 8 * i ? n - 8 * i : 0; // bytes of word i in the text
            const std::uint64_t mask = have >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * have)) - 1;
            w[i] = load(p + 8 * i) & mask;
        }
    } else {
        char tail[32] = {};
        std::memcpy(tail, p, n);
        for (std::size_t i = 0; i < 4; ++i) w[i] = load(tail + 8 * i);
    }
    a = hash_mix(w[0] ^ k1, w[1] ^ a);
    b = hash_mix(w[2] ^ k2, w[3] ^ b);
    return hash_mix(a ^ k3, b ^ static_cast<std::uint64_t>(s.size()));
}
} // namespace detail

inline std::uint64_t text_hash(std::string_view s, std::uint64_t seed) {
    return detail::text_hash<false>(s, seed);
}
// The same value, where 32 bytes after the end of s may be read.
inline std::uint64_t text_hash_padded(std::string_view s, std::uint64_t seed) {
    return detail::text_hash<true>(s, seed);
}

// FNV-1a 64: small and stable across builds and machines (cache keys and checksums, a stable
// order of ids); not for bulk text, where text_hash is much faster.
inline std::uint64_t fnv1a64(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

} // namespace moscan
