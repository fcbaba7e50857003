#include "server/worker/block_annotator.h"

#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>

#include "lib/common/check.h"

namespace alluxio::worker {
namespace {

// Keeps blocks in a set ordered by (score, sequence of the last access): the lowest score is
// the coldest, and among equal scores the one accessed longest ago. Subclasses compute scores.
class SortedAnnotator : public BlockAnnotator {
 public:
  void RecordAccess(int64_t block_id) final {
    auto it = entries_.find(block_id);
    Entry* entry;
    if (it == entries_.end()) {
      entry = &entries_[block_id];
      entry->is_new = true;
    } else {
      entry = &it->second;
      order_.erase(Key{entry->score, entry->sequence, block_id});
      entry->is_new = false;
    }
    entry->score = ScoreAfterAccess(entry);
    entry->sequence = ++sequence_;
    order_.insert(Key{entry->score, entry->sequence, block_id});
  }

  void Remove(int64_t block_id) final {
    auto it = entries_.find(block_id);
    if (it == entries_.end()) return;
    order_.erase(Key{it->second.score, it->second.sequence, block_id});
    entries_.erase(it);
  }

  bool Contains(int64_t block_id) const final { return entries_.count(block_id) > 0; }
  size_t size() const final { return entries_.size(); }

  void ForEachColdestFirst(const std::function<bool(int64_t)>& visit) const final {
    for (const Key& key : order_) {
      if (!visit(key.block_id)) return;
    }
  }

 protected:
  struct Entry {
    bool is_new = true;     // first access: the policy's state below is not yet set
    double score = 0;       // lower is colder
    uint64_t sequence = 0;  // of the last access
    double crf = 0;         // LRFU state
    double last_s = 0;      // LRFU state: time of the last access
  };
  // The block's score after an access now; may update the policy's state in `entry`.
  virtual double ScoreAfterAccess(Entry* entry) = 0;

 private:
  struct Key {
    double score;
    uint64_t sequence;
    int64_t block_id;
    bool operator<(const Key& o) const {
      return std::tie(score, sequence, block_id) < std::tie(o.score, o.sequence, o.block_id);
    }
  };
  uint64_t sequence_ = 0;
  std::unordered_map<int64_t, Entry> entries_;
  std::set<Key> order_;
};

class LruAnnotator final : public SortedAnnotator {
 private:
  // Every access gets the next sequence number; order by it alone.
  double ScoreAfterAccess(Entry*) override { return 0; }
};

class LrfuAnnotator final : public SortedAnnotator {
 public:
  LrfuAnnotator(double step_factor, double attenuation_factor, const Clock* clock)
      : decay_per_second_(step_factor * std::log(attenuation_factor)),
        clock_(clock),
        start_ms_(clock->MonotonicMs()) {}

 private:
  // F(x) = (1/a)^(s*x) = exp(-k*x) with k = s*ln(a). The CRF decayed to a later time T is
  // crf * exp(-k*(T - last)), and ln of it is ln(crf) + k*last - k*T: comparing two blocks at
  // any T is comparing ln(crf) + k*last, which is the score kept in the sorted set.
  double ScoreAfterAccess(Entry* entry) override {
    double now_s = static_cast<double>(clock_->MonotonicMs() - start_ms_) / 1000.0;
    if (entry->is_new) {
      entry->crf = 1.0;
    } else {
      entry->crf = entry->crf * std::exp(-decay_per_second_ * (now_s - entry->last_s)) + 1.0;
    }
    entry->last_s = now_s;
    return std::log(entry->crf) + decay_per_second_ * now_s;
  }

  const double decay_per_second_;
  const Clock* const clock_;
  const int64_t start_ms_;
};

}  // namespace

std::string_view AnnotatorKindName(AnnotatorKind kind) {
  switch (kind) {
    case AnnotatorKind::kLru:
      return "LRU";
    case AnnotatorKind::kLrfu:
      return "LRFU";
    case AnnotatorKind::kLfu:
      return "LFU";
  }
  return "LRU";
}

std::vector<int64_t> BlockAnnotator::ColdestFirst() const {
  std::vector<int64_t> ids;
  ids.reserve(size());
  ForEachColdestFirst([&ids](int64_t id) {
    ids.push_back(id);
    return true;
  });
  return ids;
}

std::unique_ptr<BlockAnnotator> NewBlockAnnotator(AnnotatorKind kind, double step_factor,
                                                  double attenuation_factor, const Clock* clock) {
  ALLUXIO_CHECK(clock != nullptr);
  switch (kind) {
    case AnnotatorKind::kLru:
      return std::make_unique<LruAnnotator>();
    case AnnotatorKind::kLrfu:
      return std::make_unique<LrfuAnnotator>(step_factor, attenuation_factor, clock);
    case AnnotatorKind::kLfu:
      return std::make_unique<LrfuAnnotator>(/*step_factor=*/0.0, /*attenuation_factor=*/2.0,
                                             clock);
  }
  return std::make_unique<LruAnnotator>();
}

}  // namespace alluxio::worker
