# bash completion for lectern(1).
# shellcheck shell=bash disable=SC2207 # COMPREPLY=($(compgen ...)), the idiom
#
# Installed as $(datadir)/bash-completion/completions/lectern, where
# bash-completion loads it the first time lectern is completed.  It needs
# nothing from bash-completion itself: tests/completion.sh drives _lectern
# with COMP_WORDS and COMP_CWORD in a plain bash.
#
# Options, and the values of those that take a word: --color=
# auto/always/never, --size= and --width= common sizes, --print= the
# article numbers of the corpus named on the line (lectern --list), file
# names for --output, --keys-file and --config; PATHs are folders and
# .md/.txt articles (any file after --check-config, which checks config
# files).  Every option of `lectern --help` is here and in _lectern (the
# zsh completion); tests/completion.sh checks it.

# The options, as completed: "=" after those that need a value.
_lectern_options='-l --list -p --print= -w --width= --grep= --keys=
--keys-file= --size= -o --output= --config= --check-config --dump-config
--list-keys --color --color= --no-state --no-cache --export-notes --format= -h --help
-V --version'

# _lectern_files WORD ANY: files and folders that start with WORD; with
# ANY empty, only folders and .md/.txt files (what lectern reads).
_lectern_files()
{
	local IFS=$'\n' f
	compopt -o filenames 2>/dev/null
	for f in $(compgen -f -- "$1"); do
		if [[ -n $2 || -d $f || $f == *.md || $f == *.txt ]]; then
			COMPREPLY+=("$f")
		fi
	done
}

# _lectern_articles COMMAND: the article numbers of the corpus the words
# on the line name (the default corpus if none), from COMMAND --list.
_lectern_articles()
{
	local -a paths=()
	local i w
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		((i == COMP_CWORD)) && continue
		[[ $w == -* ]] && continue
		[[ -d $w || -f $w ]] && paths+=("$w")
	done
	type -P "$1" >/dev/null 2>&1 || [[ -x $1 ]] || return 0
	"$1" --list -- "${paths[@]}" 2>/dev/null | cut -f1
}

# _lectern_values OPTION VALUE: the candidates for VALUE, the argument of
# OPTION; returns 1 when OPTION takes no argument.
_lectern_values()
{
	local IFS=$' \t\n' cmd=$3
	case $1 in
	--color | --colour)
		COMPREPLY=($(compgen -W 'auto always never' -- "$2"))
		;;
	--size)
		COMPREPLY=($(compgen -W '80x24 100x30 120x40 132x43' -- "$2"))
		;;
	--format)
		COMPREPLY=($(compgen -W 'md yaml' -- "$2"))
		;;
	-w | --width)
		COMPREPLY=($(compgen -W '60 72 80 100 120' -- "$2"))
		;;
	-p | --print)
		COMPREPLY=($(compgen -W "$(_lectern_articles "$cmd")" -- "$2"))
		;;
	-o | --output | --config)
		_lectern_files "$2" any
		;;
	--keys-file)
		[[ -z $2 || $2 == - ]] && COMPREPLY+=(-)
		_lectern_files "$2" any
		;;
	--grep | --keys)
		# A pattern, a key script: nothing to offer.
		;;
	*)
		return 1
		;;
	esac
	return 0
}

_lectern()
{
	local cmd=${1:-lectern} cur=${COMP_WORDS[COMP_CWORD]} prev='' i
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# After "--" every word is a PATH.
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -- ]]; then
			_lectern_files "$cur" ''
			return 0
		fi
	done

	# --option=VALUE: one word, or three when "=" is in COMP_WORDBREAKS
	# (bash's default): "--option" "=" "VALUE".
	if [[ $cur == = ]]; then
		_lectern_values "$prev" '' "$cmd" && return 0
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		_lectern_values "${COMP_WORDS[COMP_CWORD - 2]}" "$cur" "$cmd" &&
			return 0
	elif [[ $cur == --*=* ]]; then
		if _lectern_values "${cur%%=*}" "${cur#*=}" "$cmd"; then
			COMPREPLY=("${COMPREPLY[@]/#/${cur%%=*}=}")
			return 0
		fi
	fi

	# The value of an option given as the next word (-p 3, --size 80x24);
	# --color's is optional, so only --color=WHEN.
	case $prev in
	-p | --print | -w | --width | -o | --output | --grep | --keys | \
		--keys-file | --size | --config)
		_lectern_values "$prev" "$cur" "$cmd"
		return 0
		;;
	esac

	if [[ $cur == -* ]]; then
		local IFS=$' \t\n'
		COMPREPLY=($(compgen -W "$_lectern_options" -- "$cur"))
		# No space after "--print=": its value comes next.
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] &&
			compopt -o nospace 2>/dev/null
		return 0
	fi

	# PATHs: articles and folders; config files after --check-config.
	local any=
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == --check-config ]] && any=1
	done
	_lectern_files "$cur" "$any"
	return 0
}

complete -F _lectern lectern
