package dev.flywheel.simulator;

import java.util.SplittableRandom;

/** Plausible Chinese names, mobile numbers and cities for synthetic customers. */
final class Names {
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "子涵", "浩然", "雨桐"};
  private static final String[] CITIES = {"Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan", "Nanjing", "Xi'an", "Chongqing", "Suzhou", "Changsha"};
  private static final String[] MOBILE_PREFIXES = {"130", "135", "138", "139", "150", "158", "186", "188", "199"};

  private Names() {}

  static String name(SplittableRandom rnd) {
    return SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
  }

  static String phone(SplittableRandom rnd) {
    return MOBILE_PREFIXES[rnd.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", rnd.nextInt(100_000_000));
  }

  static String city(SplittableRandom rnd) {
    return CITIES[rnd.nextInt(CITIES.length)];
  }
}
