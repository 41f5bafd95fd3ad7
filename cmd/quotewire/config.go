package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// defaultConfig is the configuration file read when present in the
// working directory and neither --config nor $QUOTEWIRE_CONFIG names one.
const defaultConfig = "quotewire.json"

// applySettings fills every flag of c the command line left unset from,
// in this order: the environment variable QUOTEWIRE_<FLAG> (upper case,
// "-" as "_": --max-body is QUOTEWIRE_MAX_BODY), then the configuration
// file — its section for the command ({"serve": {"addr": ":8080"}}), then
// its top level ({"db": "postgres://..."}). The file is --config, else
// $QUOTEWIRE_CONFIG, else ./quotewire.json when it exists.
func applySettings(c *cobra.Command, configPath string) error {
	cfg, path, err := loadConfig(configPath)
	if err != nil {
		return err
	}
	section, _ := cfg[c.Name()].(map[string]any)
	var errs []error
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || f.Name == "config" || f.Name == "help" {
			return
		}
		env := "QUOTEWIRE_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			if err := f.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("$%s=%q: %v", env, v, err))
			}
			return
		}
		v, ok := section[f.Name]
		if !ok {
			v, ok = cfg[f.Name]
			if _, isSection := v.(map[string]any); isSection {
				ok = false
			}
		}
		if !ok {
			return
		}
		s, err := configValue(v)
		if err == nil {
			err = f.Value.Set(s)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q: %v", path, f.Name, err))
		}
	})
	if err := errors.Join(errs...); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// loadConfig reads the configuration file; none is an empty configuration.
func loadConfig(path string) (map[string]any, string, error) {
	named := path != ""
	if !named {
		if path = os.Getenv("QUOTEWIRE_CONFIG"); path != "" {
			named = true
		} else {
			path = defaultConfig
		}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !named {
		return map[string]any{}, path, nil
	}
	if err != nil {
		return nil, path, fmt.Errorf("configuration: %w", err)
	}
	var cfg map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers as written: 1e-7 and 9007199254740993 stay exact
	if err := dec.Decode(&cfg); err != nil {
		return nil, path, usageError{fmt.Sprintf("configuration %s is not a JSON object of settings (%v); see 'quotewire --help'", path, err)}
	}
	return cfg, path, nil
}

// configValue turns a JSON value into a flag value: strings as they are,
// numbers and booleans written out, lists joined by commas.
func configValue(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return fmt.Sprint(x), nil
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			s, err := configValue(e)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("a value of type %T is not a setting", v)
}
