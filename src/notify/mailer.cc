#include "notify/mailer.h"

namespace mamori {

Status FakeMailer::Send(const MailMessage& msg) {
  RETURN_IF_ERROR(ValidateMessage(msg));
  std::lock_guard<std::mutex> lock(mu_);
  if (!failures_.empty()) {
    Status error = std::move(failures_.front());
    failures_.pop_front();
    return error;
  }
  sent_.push_back(msg);
  return Status::Ok();
}

void FakeMailer::FailNext(Status error) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.push_back(std::move(error));
}

std::vector<MailMessage> FakeMailer::sent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sent_;
}

}  // namespace mamori
