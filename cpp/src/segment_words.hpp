// Word lists of the segment component, each defined once and shared by its implementation
// files (segment.cpp: features and bylines; segment_article.cpp: article assembly and author
// names). Python reads none of them: it calls the functions that use them.
#pragma once
#include <string_view>

namespace kotext::segment_words {

/// Role words that follow a reporter's name in a byline ("홍길동 기자", "김철수 특파원").
inline constexpr std::u32string_view kRoles[] = {
    U"기자",     U"특파원",   U"선임기자", U"전문기자", U"객원기자", U"인턴기자", U"수습기자",
    U"편집위원", U"논설위원", U"통신원",   U"리포터",   U"기자단",   U"칼럼니스트", U"대기자",
    U"취재기자", U"사진기자", U"영상기자", U"선임 기자"};

/// Endings of outlet and desk names ("예시일보", "연합뉴스", "편집국", "온라인팀",
/// "글로벌팀"): such a word is an outlet or a desk, never a reporter's name.
inline constexpr std::u32string_view kMediaSuffixes[] = {
    U"일보",   U"신문",   U"뉴스", U"경제", U"방송", U"타임스", U"저널",   U"미디어",
    U"데일리", U"투데이", U"겨레", U"닷컴", U"통신", U"매일",   U"편집국", U"팀"};
/// Beginnings of wire-service names ("연합", "뉴시스", "뉴스1") that carry no media suffix.
inline constexpr std::u32string_view kMediaPrefixes[] = {U"연합", U"뉴시스", U"뉴스1"};

/// Whether @p w names an outlet or desk (kMediaSuffixes, kMediaPrefixes).
inline bool media_like(std::u32string_view w) {
  for (auto s : kMediaSuffixes)
    if (w.size() >= s.size() && w.substr(w.size() - s.size()) == s) return true;
  for (auto p : kMediaPrefixes)
    if (w.size() >= p.size() && w.substr(0, p.size()) == p) return true;
  return false;
}

/// Words that label a date line ("입력 2021.02.04", "기사입력 : ...", "Updated ..."),
/// lower-case.
inline constexpr std::u32string_view kDateLabels[] = {
    U"기사입력", U"입력", U"수정", U"등록", U"승인", U"발행", U"송고", U"업데이트", U"게재",
    U"작성", U"최종", U"일", U"시간", U"published", U"updated", U"posted", U"date"};

/// Labels written before an author's name in metadata ("By 홍길동", "글 홍길동", "작성자:
/// 홍길동"), lower-case; role words (kRoles) count as such labels too.
inline constexpr std::u32string_view kAuthorLabels[] = {U"by", U"글", U"사진", U"작성자"};

}  // namespace kotext::segment_words
