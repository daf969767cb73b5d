#!/usr/bin/env bash
# Train the Rasa model only when the training data, domain, config or NLU code changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
inputs=$(find domain.yml config.yml data bot/nlu liangye_rules/vocabulary.py liangye_rules/terms.py -type f \
  \( -name '*.yml' -o -name '*.py' -o -name '*.txt' \) | sort)
want=$(cat $inputs | sha256sum | cut -c1-16)
stamp=models/.trained-from
if [ -f models/liangye.tar.gz ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "==> 模型已是最新（训练数据未变化），跳过训练"
  exit 0
fi
echo "==> 训练数据有变化，开始训练 Rasa 模型（约 2–4 分钟）"
start=$(date +%s)
mkdir -p var/logs
set +e
.venv/bin/rasa train --fixed-model-name liangye --out models 2>&1 | tee var/logs/train.log \
  | grep --line-buffered -E "Starting to train component|Your Rasa model is trained|Error" | sed -u 's/^/    /'
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ] || [ ! -f models/liangye.tar.gz ]; then
  echo "错误：训练失败（退出码 $rc），详见 var/logs/train.log。" >&2
  exit 1
fi
echo "$want" > "$stamp"
echo "==> 训练完成，用时 $(( $(date +%s) - start )) 秒"
