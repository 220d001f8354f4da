// Bytes appended in place and not zeroed first (as std::string's resize would): the scan
// batch, and the staged records a spill writes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace moscan {

class ByteBuffer {
public:
    char* extend(std::size_t n) {
        if (n > cap_ - size_) grow(size_ + n);
        char* p = data_.get() + size_;
        size_ += n;
        return p;
    }
    void clear() { size_ = 0; }
    void reserve(std::size_t n) {
        if (n > cap_) grow(n);
    }
    std::string_view view() const { return {data_.get(), size_}; }

private:
    void grow(std::size_t need) {
        const std::size_t cap = std::max(need, std::max<std::size_t>(cap_ * 2, 64u << 10));
        std::unique_ptr<char[]> data(new char[cap]);
        if (size_) std::memcpy(data.get(), data_.get(), size_);
        data_ = std::move(data);
        cap_ = cap;
    }
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0, cap_ = 0;
};

} // namespace moscan
